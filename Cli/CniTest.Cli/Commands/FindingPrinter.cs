using CniTest.Harness.Operations;

namespace CniTest.Cli.Commands;

/// <summary>Prints validation findings grouped by file, one line each, and a closing count.</summary>
internal sealed class FindingPrinter(TextWriter output, bool quiet)
{
    private int _files;

    public int Errors { get; private set; }
    public int Warnings { get; private set; }

    public void File(string path)
    {
        _files++;
        output.WriteLine(path);
    }

    public void Add(ValidationFinding f)
    {
        if (f.Severity == FindingSeverity.Error)
        {
            Errors++;
        }
        else if (f.Severity == FindingSeverity.Warning)
        {
            Warnings++;
        }
        else if (quiet)
        {
            return;
        }

        var label = f.Severity switch { FindingSeverity.Error => "error", FindingSeverity.Warning => "warning", _ => "ok" };
        var where = string.Join(" ", new[] { f.Network.Length > 0 ? $"network {f.Network}" : null, f.Plugin is null ? null : $"plugin {f.Plugin}" }
            .Where(s => s is not null));
        output.WriteLine($"  {label,-7} {(where.Length > 0 ? where + ": " : "")}{f.Message}");
    }

    public void Summary() =>
        output.WriteLine($"{_files} file(s): {Errors} error(s), {Warnings} warning(s) — {(Errors == 0 ? "valid" : "invalid")}");
}
