using System.CommandLine;
using CniTest.Scenarios.Recording;

namespace CniTest.Cli;

/// <summary><c>--record DIR</c> and <c>--redact KEY</c>, shared by <c>run</c> and the attachment commands.</summary>
internal sealed class RecordOptions
{
    public Option<string?> Record { get; } = new("--record")
    {
        Description = "Write every plugin call (env, stdin, stdout, stderr, exit, duration, the namespaces it ran in) and every drift " +
                      "step as one JSON file each, plus index.json, to this directory (new or empty for run; the attachment commands add to it); " +
                      "replay them with cnitest replay",
    };

    public Option<string[]> Redact { get; } = new("--redact")
    {
        Description = "With --record: mask the values of this key (an env variable, a CNI_ARGS pair, a JSON property at any depth of stdin " +
                      "and stdout) and wherever those values appear again; repeat for each key",
        AllowMultipleArgumentsPerToken = false,
    };

    public IEnumerable<Option> All => [Record, Redact];

    /// <summary>The recorder asked for, or null; --redact without --record is a usage error.</summary>
    public Recorder? Open(ParseResult parse, CliContext ctx, bool append)
    {
        var redact = parse.GetValue(Redact) ?? [];
        if (parse.GetValue(Record) is not { } dir)
        {
            return redact.Length > 0 ? throw new UsageException("--redact needs --record DIR") : null;
        }

        return Recorder.Open(ctx.FullPath(dir), redact, append);
    }
}
