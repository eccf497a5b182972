namespace CniTest.Scenarios.Recording;

/// <summary>
/// <c>index.json</c> of a recording directory (<c>schemas/record/cnitest-record-index.schema.json</c>): every
/// recorded check (or CLI command) with its outcome, the command that replays it and its step files in order.
/// </summary>
public sealed record RecordIndex
{
    /// <summary>The format tag of an index.</summary>
    public const string FormatTag = "cnitest-record-index/1";

    /// <summary>The index's file name in a recording directory.</summary>
    public const string FileName = "index.json";

    /// <summary>Always <see cref="FormatTag"/>.</summary>
    public string Format { get; init; } = FormatTag;

    /// <summary>The recorded checks and commands, in the order they finished.</summary>
    public List<RecordIndexEntry> Checks { get; init; } = [];
}

/// <summary>One recorded check or CLI command.</summary>
public sealed record RecordIndexEntry
{
    /// <summary>The recording key, what <c>replay --check</c> takes (<c>del.twice@1.1.0</c>, <c>cli-001-add</c>).</summary>
    public required string Check { get; init; }

    /// <summary>The check id; null for a CLI command.</summary>
    public string? CheckId { get; init; }

    /// <summary>The version the check ran at.</summary>
    public string? CniVersion { get; init; }

    /// <summary><c>run</c> or the CLI command (<c>add</c>, <c>del</c>, …).</summary>
    public required string Source { get; init; }

    /// <summary>The plugin under test (for <c>run</c>).</summary>
    public string? Plugin { get; init; }

    /// <summary>passed, failed, warning or skipped for a check; succeeded or failed for a CLI command; null while running.</summary>
    public string? Outcome { get; set; }

    /// <summary>The command line that replays it.</summary>
    public required string Replay { get; init; }

    /// <summary>The keys masked in its files.</summary>
    public IReadOnlyList<string> Redacted { get; init; } = [];

    /// <summary>Its steps in order.</summary>
    public List<RecordIndexStep> Steps { get; init; } = [];
}

/// <summary>One step of an index entry.</summary>
/// <param name="Step">Its number.</param>
/// <param name="File">The step file, relative to the recording directory.</param>
/// <param name="Kind"><c>call</c> or <c>action</c>.</param>
/// <param name="Command">The call's <c>CNI_COMMAND</c>, or the action's kind.</param>
/// <param name="Plugin">The call's plugin type.</param>
/// <param name="Outcome">The call's outcome class (<see cref="CallVerdict.Outcome"/>).</param>
public sealed record RecordIndexStep(int Step, string File, string Kind, string Command, string? Plugin, string? Outcome);
