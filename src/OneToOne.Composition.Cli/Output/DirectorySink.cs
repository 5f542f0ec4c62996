using System.Globalization;
using System.Text;

namespace OneToOne.Composition.Cli.Output;

/// <summary>
/// Writes one file per rendered record into a folder (<c>&lt;id&gt;.txt</c> or <c>&lt;id&gt;.html</c>) and
/// an account of every record to <c>results.jsonl</c> in the same folder.
/// </summary>
internal sealed class DirectorySink : IRecordSink
{
    /// <summary>The name of the per-record account in the output folder.</summary>
    public const string ResultsFileName = "results.jsonl";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly string _directory;
    private readonly Channel _channel;
    private readonly StreamWriter _results;
    private readonly RecordJsonWriter _writer;
    private readonly HashSet<string> _usedNames = new(StringComparer.OrdinalIgnoreCase) { ResultsFileName };

    /// <summary>Creates the folder if needed and opens <c>results.jsonl</c>.</summary>
    /// <param name="directory">The output folder.</param>
    /// <param name="channel">The channel rendered, which decides the file type.</param>
    public DirectorySink(string directory, Channel channel)
    {
        _directory = Directory.CreateDirectory(directory).FullName;
        _channel = channel;
        _results = new StreamWriter(Path.Combine(_directory, ResultsFileName), append: false, Utf8);
        _writer = new RecordJsonWriter(_results, includeBody: false);
    }

    /// <inheritdoc />
    public void Write(RecordResult result)
    {
        string? file = null;
        if (result.Status == RecordStatus.Rendered)
        {
            file = UniqueName(result);
            var content = _channel == Channel.Web
                ? HtmlDocument.Wrap(result.Subject ?? string.Empty, result.Body ?? string.Empty, result.Culture)
                : $"Subject: {result.Subject}\n\n{result.Body}";
            File.WriteAllText(Path.Combine(_directory, file), content, Utf8);
        }

        _writer.Write(result, file);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _writer.Dispose();
        _results.Dispose();
    }

    /// <summary>A safe file name that no earlier record of this run used: a duplicate id gets the record number appended, so no output is overwritten.</summary>
    private string UniqueName(RecordResult result)
    {
        var extension = _channel == Channel.Web ? ".html" : ".txt";
        var baseName = SafeFileName.For(result.Id, result.Number);
        var name = baseName + extension;
        if (!_usedNames.Add(name))
        {
            name = string.Create(CultureInfo.InvariantCulture, $"{baseName}-{result.Number}{extension}");
            for (var n = 2; !_usedNames.Add(name); n++)
            {
                name = string.Create(CultureInfo.InvariantCulture, $"{baseName}-{result.Number}-{n}{extension}");
            }
        }

        return name;
    }
}
