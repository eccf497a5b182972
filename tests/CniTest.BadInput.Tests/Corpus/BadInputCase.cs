using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CniTest.BadInput.Tests.Corpus;

/// <summary>
/// One entry of the bad-input corpus (fixtures/bad-input/*.json, format in its README): the command line, the
/// environment, the config files and the canned plugin it runs with, and how it must end.
/// </summary>
public sealed class BadInputCase
{
    /// <summary>Unique id, "&lt;table&gt;.&lt;what&gt;"; the xunit row name.</summary>
    public required string Id { get; init; }

    /// <summary>The command line, with placeholders (see <see cref="CaseWorkspace.Expand"/>).</summary>
    public required IReadOnlyList<string> Args { get; init; }

    /// <summary>Variables set over the workspace defaults; a null value removes a default.</summary>
    public IReadOnlyDictionary<string, string?> Env { get; init; } = new Dictionary<string, string?>();

    /// <summary>Config files written into NETCONFPATH; absent: one valid conflist "mynet" using the canned plugin.</summary>
    public IReadOnlyList<FileContent>? Configs { get; init; }

    /// <summary>What the canned plugin prints per CNI command (VERSION, ADD, CHECK, DEL, GC, STATUS); absent: a sane answer.</summary>
    public IReadOnlyDictionary<string, CannedOutput> Plugin { get; init; } = new Dictionary<string, CannedOutput>();

    /// <summary>The exit code the case must end with: 1 or 2.</summary>
    public required int Exit { get; init; }

    /// <summary>A regex one <c>cnitest:</c> line must match.</summary>
    public required string Message { get; init; }

    /// <summary>Where that line is printed: stderr (default) or stdout (validate's findings).</summary>
    public string Stream { get; init; } = "stderr";

    /// <summary>Also run the real binary as a child process and expect the same ending.</summary>
    public bool OutOfProcess { get; init; }

    /// <summary>The table file the case came from.</summary>
    public string Table { get; set; } = "";

    public Regex MessagePattern => new(Message, RegexOptions.CultureInvariant);

    public override string ToString() => Id;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>Every case of every table in <paramref name="dir"/>, ids checked unique.</summary>
    public static IReadOnlyList<BadInputCase> LoadAll(string dir)
    {
        var cases = new List<BadInputCase>();
        foreach (var table in Directory.GetFiles(dir, "*.json").Order(StringComparer.Ordinal))
        {
            var loaded = JsonSerializer.Deserialize<List<BadInputCase>>(File.ReadAllText(table), Json)
                         ?? throw new InvalidDataException($"{table}: not a list of cases");
            foreach (var c in loaded)
            {
                c.Table = Path.GetFileNameWithoutExtension(table);
            }

            cases.AddRange(loaded);
        }

        var duplicate = cases.GroupBy(c => c.Id).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? cases : throw new InvalidDataException($"bad-input case id {duplicate.Key} is used twice");
    }
}

/// <summary>
/// The bytes of a file or a stream, given exactly one way: <c>text</c> (placeholders expanded), <c>json</c> (any JSON
/// value, written compact), <c>base64</c> (raw bytes: non-UTF-8, NULs), or <c>generate</c> (see <see cref="HugeInputs"/>).
/// </summary>
public sealed class FileContent
{
    /// <summary>File name inside NETCONFPATH (configs only).</summary>
    public string? Name { get; init; }

    public string? Text { get; init; }

    public JsonNode? Json { get; init; }

    public string? Base64 { get; init; }

    public string? Generate { get; init; }

    public byte[] Bytes(Func<string, string> expand)
    {
        var given = new object?[] { Text, Json, Base64, Generate }.Count(v => v is not null);
        if (given != 1)
        {
            throw new InvalidDataException("exactly one of text, json, base64 or generate must be given");
        }

        return Text is not null ? System.Text.Encoding.UTF8.GetBytes(expand(Text))
            : Json is not null ? System.Text.Encoding.UTF8.GetBytes(expand(Json.ToJsonString()))
            : Base64 is not null ? Convert.FromBase64String(Base64)
            : HugeInputs.Generate(Generate!);
    }
}

/// <summary>What the canned plugin does for one CNI command.</summary>
public sealed class CannedOutput
{
    public FileContent? Stdout { get; init; }

    public FileContent? Stderr { get; init; }

    public int ExitCode { get; init; }

    /// <summary>Seconds to sleep before answering (a plugin that hangs; the case passes --timeout).</summary>
    public double SleepSeconds { get; init; }
}
