using System.Globalization;
using OneToOne.Composition.Batch;

namespace OneToOne.Composition.Batch.Tests.Input;

public sealed class RecipientReaderTests
{
    [Theory]
    [InlineData("\n \t{\"id\":1}\n", "JsonLines")]
    [InlineData("\uFEFF{\"id\":1}", "JsonLines")]
    [InlineData("id,name\n1,a\n", "Csv")]
    [InlineData("", "Csv")]
    public void Sniff_DecidesByFirstNonBlankCharacter_AndGivesEverythingBack(string input, string expected)
    {
        var format = RecipientReader.Sniff(new StringReader(input), out var rewound);

        Assert.Equal(expected, format.ToString());
        Assert.Equal(input, rewound.ReadToEnd());
    }

    [Fact]
    public void Sniffed_ReadLine_KeepsLinesIntact()
    {
        RecipientReader.Sniff(new StringReader("\r\n{\"a\":1}\r\n{\"b\":2}"), out var rewound);

        Assert.Equal("", rewound.ReadLine());
        Assert.Equal("{\"a\":1}", rewound.ReadLine());
        Assert.Equal("{\"b\":2}", rewound.ReadLine());
        Assert.Null(rewound.ReadLine());
    }

    [Fact]
    public void JsonLines_SkipsBlankLines_NumbersRecordsAndLines()
    {
        var input = "{\"id\":\"a\"}\n\n   \n{\"id\":\"b\"}\nnot json\n{\"id\":\"c\"}\n";

        var records = RecipientReader.Read(new StringReader(input), RecipientFormat.JsonLines, "id")
            .Select(static r => (r.Number, r.Line, r.Recipient?.Id, r.Error?.Split(':')[0]))
            .ToList();

        Assert.Equal([(1L, 1L, "a", null), (2L, 4L, "b", null), (3L, 5L, null, "Line 5"), (4L, 6L, "c", null)], records);
    }

    [Fact]
    public void Csv_TypesCells_AndCountsLinesAcrossQuotedLineBreaks()
    {
        var input = "id,name,vip,points,rate,note\n1,\"Ann\nSmith\",true,12,0.5,\n2,Bob,false,-3,1.25,\"he said \"\"hi\"\"\"\n";

        var records = RecipientReader.Read(new StringReader(input), RecipientFormat.Csv, "id").ToList();

        Assert.Equal(2, records.Count);
        Assert.Equal([2L, 4L], records.Select(static r => r.Line));
        var ann = records[0].Recipient!;
        Assert.Equal("1", ann.Id);
        Assert.True(ann.TryGetValue("name", out var name));
        Assert.Equal("Ann\nSmith", name);
        Assert.True(ann.TryGetValue("vip", out var vip));
        Assert.Equal(true, vip);
        Assert.True(ann.TryGetValue("note", out var note));
        Assert.Null(note);
        Assert.True(records[1].Recipient!.TryGetValue("note", out var quoted));
        Assert.Equal("he said \"hi\"", quoted);
    }

    [Fact]
    public void Csv_ALineOfWhiteSpaceOnly_IsSkipped_AQuotedBlankValueIsARow_AndLaterErrorsNameTheirLines()
    {
        var input = "id,name\r\n1,Ann\r\n   \r\n\t \u00A0\r\n2,B\"ob\r\n3\r\n4,\"Cy\"\r\n\"  \",Di\r\n";

        var records = RecipientReader.Read(new StringReader(input), RecipientFormat.Csv, "id").ToList();

        Assert.Equal(
            [(1L, 2L, "1", null), (2L, 5L, null, "Line 5: malformed CSV"), (3L, 6L, null, "Line 6: the row has 1 fields"), (4L, 7L, "4", null), (5L, 8L, "  ", null)],
            records.Select(static r => (r.Number, r.Line, r.Recipient?.Id, r.Error?.Split([" (", ", but"], StringSplitOptions.None)[0])));
    }

    [Theory]
    [InlineData("\nid;name\n1;Ann\n", 3)]
    [InlineData("  \r\n\t\n\nid\tname\r\n1\tAnn\r\n", 5)]
    [InlineData("   \nid,name\n1,Ann", 3)]
    [InlineData("id;name;points\r1;Ann;12,50\r", 2)]
    [InlineData(" \r\r\nid;name;points\r\n1;Ann;12,50\r\n", 4)]
    public void Csv_TheSeparatorIsToldFromTheHeaderLine_BlankLinesBeforeIt_ALoneCarriageReturnEndingIt_AndLinesKeepTheirNumbers(string input, long line)
    {
        var records = RecipientReader.Read(new StringReader(input), RecipientFormat.Csv, "id").ToList();

        var record = Assert.Single(records);
        Assert.Null(record.Error);
        Assert.Equal(line, record.Line);
        Assert.Equal("1", record.Recipient!.Id);
        Assert.True(record.Recipient.TryGetValue("name", out var name));
        Assert.Equal("Ann", name);
    }

    [Theory]
    [InlineData("id,,name\n1,x,Ann\n", "Line 1: CSV header column 2 has no name.")]
    [InlineData("\n \r\nid;name;id\n1;Ann;1\n", "Line 3: the CSV header names the column 'id' twice.")]
    public void Csv_AnUnusableHeader_NamesItsLine_BlankLinesAboveIt_Counted(string input, string start)
    {
        var error = Assert.Throws<RecipientInputException>(() => RecipientReader.Read(new StringReader(input), RecipientFormat.Csv, "id").ToList());

        Assert.StartsWith(start, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_StrayQuote_RejectsThatRowOnly()
    {
        var input = "id,name\n1,Ann\n2,B\"ob\n3,Cy\n";

        var records = RecipientReader.Read(new StringReader(input), RecipientFormat.Csv, "id").ToList();

        Assert.Equal(["1", null, "3"], records.Select(static r => r.Recipient?.Id));
        Assert.StartsWith("Line 3: malformed CSV", records[1].Error, StringComparison.Ordinal);
        Assert.Equal("2", records[1].Id);
    }

    [Theory]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    public void Csv_AHeaderWithoutCommas_SeparatedBySemicolonsTabsOrBars_IsReadWithThatSeparator(char separator)
    {
        // Spreadsheets in many locales save "CSV" with semicolons; read as commas it was one column named "id;name;iq".
        var text = "\uFEFFid;name;iq\r\nc1;\"Ann; Jr, the 2nd\";7\r\nc2;Bob;8;extra\r\n".Replace(';', separator);

        var records = RecipientReader.Read(new StringReader(text), RecipientFormat.Csv).ToList();

        Assert.Equal(["c1", "c2"], records.Select(static r => r.Id));
        Assert.Equal($"Ann{separator} Jr, the 2nd", records[0].Recipient!.TryGetValue("name", out var name) ? name : null);
        Assert.Equal(7, records[0].Recipient!.TryGetValue("iq", out var iq) ? iq : null);
        Assert.Equal("Line 3: the row has 4 fields, but the header has 3.", records[1].Error);
    }

    [Theory]
    [InlineData("id,name;x\nc1,a;b\n", "a;b")]
    [InlineData("id,\"a;b;c\"\nc1,x;y\n", "x;y")]
    [InlineData("\"id;name\"\nc1;x\n", "c1;x")]
    public void Csv_AHeaderWithACommaOrNoOtherSeparator_IsCommaSeparated(string text, string value)
    {
        var record = Assert.Single(RecipientReader.Read(new StringReader(text), RecipientFormat.Csv));

        Assert.Null(record.Error);
        Assert.Contains(value, record.Recipient!.FieldNames.Select(n => record.Recipient.TryGetValue(n, out var v) ? v as string : null));
    }

    [Fact]
    public void Csv_DuplicateHeader_IsAnInputError()
    {
        var records = RecipientReader.Read(new StringReader("id,name,name\n1,a,b\n"), RecipientFormat.Csv, "id");

        var error = Assert.Throws<RecipientInputException>(() => records.ToList());
        Assert.Contains("'name'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_DuplicateHeader_QuotesTheNameOnOneLine()
    {
        var records = RecipientReader.Read(new StringReader("id,na\u001B[2Jme,na\u001B[2Jme\n1,a,b\n"), RecipientFormat.Csv, "id");

        var error = Assert.Throws<RecipientInputException>(() => records.ToList());
        Assert.Equal("Line 1: the CSV header names the column 'na\\u001B[2Jme' twice. Column names must be unique.", error.Message);
    }

    private const string Booleans = ": a declared boolean is written true/false, yes/no, ja/nein, wahr/falsch or 1/0 (any case); for a mark such as 'x', declare the column text and test it in the condition (news == \"x\")";

    [Fact]
    public void Csv_AValueThatIsNotItsDeclaredType_IsQuotedOnOneLine()
    {
        Assert.True(RecipientSchema.TryParse("vip:boolean", out var schema, out _));

        var records = RecipientReader.Read(new StringReader("id,vip\n1,\t\n2,\"yes\r\nno\"\n"), RecipientFormat.Csv, csvSchema: schema).ToList();

        Assert.Equal(
            ["Line 2: column 2 ('vip') is declared true or false, but '\\t' is not one" + Booleans + ". Fix the value, or declare the column text.", "Line 3: column 2 ('vip') is declared true or false, but 'yes\\r\\nno' is not one" + Booleans + ". Fix the value, or declare the column text."],
            records.Select(static r => r.Error));
    }

    [Fact]
    public void Csv_TheIdColumnIsText_OtherColumnsAreInferred()
    {
        var records = RecipientReader.Read(new StringReader("id,iq\n-0,-0\n007,007\n1.50,1.50\n12,12\n"), RecipientFormat.Csv).ToList();

        Assert.Equal(["-0", "007", "1.50", "12"], records.Select(static r => r.Id));
        Assert.All(records, static r => Assert.IsType<string>(r.Recipient!.TryGetValue("id", out var id) ? id : null));
        Assert.Equal(0, records[0].Recipient!.TryGetValue("iq", out var iq) ? iq : null);
    }

    [Fact]
    public void Csv_AnIdColumnDeclaredANumber_IsANumberToTemplates_AndTheIdStaysAsWritten()
    {
        // The id names files and shards: "007" and "1e3" declared numbers must not become "7" and "1000".
        Assert.True(RecipientSchema.TryParse("id:number", out var schema, out _));

        var records = RecipientReader.Read(new StringReader("id,iq\n007,1\n1e3,2\n,3\n"), RecipientFormat.Csv, csvSchema: schema).ToList();

        Assert.Equal(["007", "1e3", null], records.Select(static r => r.Id));
        Assert.Equal(7, records[0].Recipient!.TryGetValue("id", out var id) ? Convert.ToInt32(id, CultureInfo.InvariantCulture) : -1);
        Assert.Null(records[2].Recipient!.TryGetValue("id", out var none) ? none : "missing");
    }

    [Fact]
    public void AColumnDeclaredANumber_TakesAnIntegerBeyondDecimal_FromCsvAndJsonLines()
    {
        // A 60-digit account number declared number: CSV refused the cell, and JSON Lines' schema check the value.
        const string Digits = "123456789012345678901234567890123456789012345678901234567890";
        Assert.True(RecipientSchema.TryParse("account:number", out var schema, out _));

        var csv = RecipientReader.Read(new StringReader("id,account\nc1," + Digits + "\n"), RecipientFormat.Csv, csvSchema: schema).Single();
        var json = RecipientReader.Read(new StringReader("{\"id\":\"c1\",\"account\":" + Digits + "}\n"), RecipientFormat.JsonLines).Single();

        Assert.Null(csv.Error);
        Assert.Equal(Digits, Convert.ToString(csv.Recipient!.TryGetValue("account", out var fromCsv) ? fromCsv : null, CultureInfo.InvariantCulture));
        Assert.Null(schema.Check(json.Recipient!));
    }

    [Theory]
    [InlineData("{\"id\":\"c1\",}", "Line 2: not valid JSON at column 12: The JSON object contains a trailing comma at the end.")]
    [InlineData("{\"id\":\"é1\", first_name: \"Ada\"}", "Line 2: not valid JSON at column 13: 'f' is an invalid start of a property name. Expected a '\"'.")]
    [InlineData("{\"id\":\"c1\",\"vip\":fals\u0000e}", "Line 2: not valid JSON at column 22: 'fals\\0e}' is an invalid JSON literal. Expected the literal 'false'.")]
    [InlineData("{\"id\":\"c1\",\"vip\":tr\u001B[31m}", "Line 2: not valid JSON at column 20: 'tr\\u001B[31m}' is an invalid JSON literal. Expected the literal 'true'.")]
    public void JsonLines_ABadLine_NamesLineAndColumn_AndSaysHowToFixTheData(string line, string start)
    {
        foreach (var bytes in new[] { false, true })
        {
            var input = "{\"id\":\"c0\"}\n" + line + "\n";
            using var records = bytes ? new MemoryStream(System.Text.Encoding.UTF8.GetBytes(input)) : null;
            var error = (bytes ? RecipientReader.Read(records!, RecipientFormat.JsonLines) : RecipientReader.Read(new StringReader(input), RecipientFormat.JsonLines)).Last().Error!;

            Assert.Equal(start + " Fix the line in the input: each line must be one JSON object, such as {\"id\": \"c1\", \"first_name\": \"Ada\"}, with names and text in double quotes and no comments or trailing commas.", error);
        }
    }

    /// <summary>A line with a name twice (an export's join) is rejected naming it, on both read paths: the last value silently won.</summary>
    [Fact]
    public void JsonLines_ALineWithANameTwice_IsRejected_NamingTheName()
    {
        foreach (var bytes in new[] { false, true })
        {
            var input = "{\"id\":\"c0\"}\n{\"id\":\"c1\",\"email\":\"a@example.com\",\"email\":\"b@example.com\"}\n{\"id\":\"c2\",\"email\":\"c@example.com\"}\n{\"id\":\"c3\",\"id\":\"c4\"}\n";
            using var stream = bytes ? new MemoryStream(System.Text.Encoding.UTF8.GetBytes(input)) : null;
            var records = (bytes ? RecipientReader.Read(stream!, RecipientFormat.JsonLines) : RecipientReader.Read(new StringReader(input), RecipientFormat.JsonLines)).ToList();

            // The reject says whose it is, unless the id is the key written twice.
            Assert.Equal([true, false, true, false], records.Select(static r => r.Recipient is not null));
            Assert.Equal("c1", records[1].Id);
            Assert.Null(records[3].Id);
            Assert.Equal("Line 2: the key \"email\" occurs twice in the object, so which value is meant is unknown: keep one of them.", records[1].Error);
        }
    }

    /// <summary>
    /// A named pipe (or <c>-r &lt;(zcat people.jsonl.gz)</c>) is read once: counting its records for the progress total
    /// read it to the end, and the run then waited forever for a writer. It has no total, and the run reads every record.
    /// </summary>
    [Fact]
    public async Task CountRecords_OfANamedPipe_IsUnknown_AndLeavesItsRecordsToTheRun()
    {
        using var temp = new TempDirectory();
        var path = temp.File("people.jsonl");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        // The writer's open waits for a reader: only the run below opens the pipe.
        var writer = Task.Run(() => System.IO.File.WriteAllTextAsync(path, "{\"id\":\"c1\"}\n{\"id\":\"c2\"}\n"));

        Assert.Null(RecipientInput.CountRecords(path));
        using (var input = RecipientInput.Open(path, TextReader.Null))
        {
            Assert.Equal(["c1", "c2"], input.Read().Select(static r => r.Recipient!.Id));
        }

        await writer;
    }

    [Theory]
    [InlineData("{\"id\":\"c1\"}\r{\"id\":\"c2\"}\r\n \r{\"id\":\"c3\"}\r", 3)]
    [InlineData("{\"id\":\"c1\"}\n\r\n{\"id\":\"c2\"}", 2)]
    public void CountRecords_EndsLinesAsTheReadersDo_ALoneCarriageReturnToo(string text, long expected)
    {
        using var temp = new TempDirectory();
        var path = temp.File("people.jsonl");
        System.IO.File.WriteAllText(path, text);
        using var input = RecipientInput.Open(path, TextReader.Null);

        Assert.Equal(expected, input.Read().Count());
        Assert.Equal(expected, RecipientInput.CountRecords(path));
    }

    [Theory]
    [InlineData("\u00A0", 1)]
    [InlineData("\u3000", 1)]
    [InlineData("\u3000", 2)]
    [InlineData("\u2028", 2)]
    [InlineData("\t\u00A0 ", 2)]
    public void CountRecords_SkipsABlankLineOfMultiByteWhiteSpace_ThatTheCountsBlockBoundaryCuts(string blank, int cutAfter)
    {
        // The counter reads 64 KB at a time: the first record ends where the blank line's bytes go over that boundary
        // cutAfter bytes in, inside a character; the readers, which hold a line whole, skip the line.
        const string Record = "{\"id\":\"c1\",\"note\":\"\"}\n";
        var first = Record.Insert(Record.Length - 3, new string('x', (1 << 16) - cutAfter - Record.Length));
        var text = first + blank + "\n{\"id\":\"c2\"}\n";
        using var temp = new TempDirectory();
        var path = temp.File("people.jsonl");
        System.IO.File.WriteAllText(path, text);
        Assert.Equal(1 << 16, System.Text.Encoding.UTF8.GetByteCount(first) + cutAfter);
        Assert.NotEqual(0, System.Text.Encoding.UTF8.GetBytes(text)[1 << 16] & 0x80);
        using var input = RecipientInput.Open(path, TextReader.Null);

        Assert.Equal(["c1", "c2"], input.Read().Select(static r => r.Id));
        Assert.Equal(2, RecipientInput.CountRecords(path));
    }

    [Theory]
    [InlineData("\t\t", 2)]
    [InlineData("\v\f \u0085", 2)]
    [InlineData("\u2028", 2)]
    [InlineData("\u2029\u00A0\u3000", 2)]
    [InlineData("\uFEFF", 3)]
    [InlineData("\u200B", 3)]
    [InlineData("\u001C", 3)]
    [InlineData(" \u001F\t", 3)]
    public void JsonLines_ALineIsBlank_TheSameFromBytesAndFromText_AndTheTotalCountsTheRest(string line, long expected)
    {
        // Blank is what string.IsNullOrWhiteSpace says: not a byte-order mark mid-file, a zero-width space, or the
        // information separators U+001C-U+001F, which char.IsWhiteSpace does not accept; such a line is a bad record.
        var text = "{\"id\":\"c1\"}\n" + line + "\r\n{\"id\":\"c2\"}\n";
        using var temp = new TempDirectory();
        var path = temp.File("people.jsonl");
        System.IO.File.WriteAllText(path, text);
        using var bytes = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));

        Assert.Equal(expected, RecipientReader.Read(bytes, RecipientFormat.JsonLines).Count());
        Assert.Equal(expected, RecipientReader.Read(new StringReader(text), RecipientFormat.JsonLines).Count());
        Assert.Equal(expected, RecipientInput.CountRecords(path));
    }

    [Theory]
    [InlineData("id,name\n1,a\n\n2,b\r\n\r\n", 2)]
    [InlineData("id,name\n1,a\n   \n2,b\n", 2)]
    [InlineData("id,name\n1,a\n\t\n2,b", 2)]
    [InlineData("\uFEFFid,name\r\n1,a\r\n\u00A0\u3000\r\n2,b\r\n", 2)]
    [InlineData("id\n1\n \n\n2\n", 2)]
    [InlineData("id,name\n1,a\n\u200B\n2,b\n", 3)]
    [InlineData(" \n\nid;name\n1;a\n \n2;b\n", 2)]
    public void CountRecords_OfACsvFile_SkipsBlankLines_AsTheCsvReaderDoes(string text, long expected)
    {
        // A line of white space only is skipped as an empty line is (a zero-width space is no white space: that line is a row).
        // A file named without .csv is known as CSV by its content, as the input is: its header is not a record either.
        using var temp = new TempDirectory();
        foreach (var name in (string[])["people.csv", "people-export.txt"])
        {
            var path = temp.File(name);
            System.IO.File.WriteAllText(path, text);
            using (var input = RecipientInput.Open(path, TextReader.Null))
            {
                Assert.Equal(RecipientFormat.Csv, input.Format);
                Assert.Equal(expected, input.Read().Count());
            }

            Assert.Equal(expected, RecipientInput.CountRecords(path));
            System.IO.File.WriteAllText(path, text, System.Text.Encoding.Unicode);
            Assert.Equal(expected, RecipientInput.CountRecords(path));
        }
    }
}
