using System.Globalization;
using System.Text;
using OneToOne.Composition.Cli.Processing;

namespace OneToOne.Composition.Cli.Output;

/// <summary>
/// Writes one file per rendered record into a folder — <c>&lt;id&gt;.txt</c>, <c>&lt;id&gt;.html</c>,
/// <c>&lt;id&gt;.json</c> (web decision JSON), <c>&lt;id&gt;.eml</c> or <c>&lt;id&gt;.pdf</c> — each one atomically
/// (<see cref="AtomicFile"/>), and an account of every record to <c>results.jsonl</c> in the same folder.
/// </summary>
internal sealed class DirectorySink : IRecordSink
{
    /// <summary>The name of the per-record account in the output folder.</summary>
    public const string ResultsFileName = "results.jsonl";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly string _directory;
    private readonly RenderSettings _settings;
    private readonly string _extension;
    private readonly StreamWriter _results;
    private readonly RecordJsonWriter _writer;
    private readonly HashSet<string> _usedNames = new(StringComparer.OrdinalIgnoreCase) { ResultsFileName };

    /// <summary>Creates the folder if needed and opens <c>results.jsonl</c>.</summary>
    /// <param name="directory">The output folder.</param>
    /// <param name="settings">The channel rendered and its choices, which decide the file type and content.</param>
    /// <param name="reservedNames">File names in the folder that records must not take (such as a merged PDF written there).</param>
    public DirectorySink(string directory, RenderSettings settings, IEnumerable<string>? reservedNames = null)
    {
        _directory = Directory.CreateDirectory(directory).FullName;
        _settings = settings;
        _extension = Extension(settings);
        _usedNames.UnionWith(reservedNames ?? []);
        _results = new StreamWriter(Path.Combine(_directory, ResultsFileName), append: false, Utf8);
        _writer = new RecordJsonWriter(_results, includeBody: false, settings.DecisionJson);
    }

    /// <summary>Gets the full path of the output folder.</summary>
    public string FullPath => _directory;

    /// <inheritdoc />
    public void Write(RecordResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        string? file = null;
        if (result.Status == RecordStatus.Rendered)
        {
            file = UniqueName(result);
            WriteFile(Path.Combine(_directory, file), result);
        }

        _writer.Write(result, file);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _writer.Dispose();
        _results.Dispose();
    }

    private static string Extension(RenderSettings settings) => settings.Channel switch
    {
        OutputChannel.Email => ".eml",
        OutputChannel.Print => ".pdf",
        OutputChannel.Web => settings.DecisionJson ? ".json" : ".html",
        _ => ".txt",
    };

    private void WriteFile(string path, RecordResult result)
    {
        switch (_settings.Channel)
        {
            case OutputChannel.Email:
                AtomicFile.Write(path, result.Email!, static (stream, email) => email.WriteTo(stream));
                break;
            case OutputChannel.Print:
                AtomicFile.Write(path, result.Pdf!.Value);
                break;
            case OutputChannel.Web when _settings.DecisionJson:
                // The same object as a JSON Lines record, html included; the JSON writer is reused, so the bytes are copied first.
                AtomicFile.Write(path, _writer.Serialize(result, file: null, includeBody: true).ToArray());
                break;
            case OutputChannel.Web:
                var html = result.BodyIsDocument
                    ? result.Body ?? string.Empty
                    : HtmlDocument.Wrap(result.Subject ?? string.Empty, result.Body ?? string.Empty, result.Culture);
                AtomicFile.Write(path, Utf8.GetBytes(html));
                break;
            default:
                AtomicFile.Write(path, Utf8.GetBytes($"Subject: {result.Subject}\n\n{result.Body}"));
                break;
        }
    }

    /// <summary>A safe file name that no earlier record of this run used: a duplicate id gets the record number appended, so no output is overwritten.</summary>
    private string UniqueName(RecordResult result)
    {
        var baseName = SafeFileName.For(result.Id, result.Number);
        var name = baseName + _extension;
        if (!_usedNames.Add(name))
        {
            name = string.Create(CultureInfo.InvariantCulture, $"{baseName}-{result.Number}{_extension}");
            for (var n = 2; !_usedNames.Add(name); n++)
            {
                name = string.Create(CultureInfo.InvariantCulture, $"{baseName}-{result.Number}-{n}{_extension}");
            }
        }

        return name;
    }
}
