using CniTest.Harness.Contract;
using CniTest.Harness.Invocation;

namespace CniTest.Scenarios.Model;

/// <summary>The verdict of one check (per version for version-dependent checks), with the plugin calls it made.</summary>
public sealed record CheckResult
{
    public required string Id { get; init; }
    public required string Title { get; init; }

    /// <summary>The checklist rule that decided the verdict: the broken one on failure or warning, else the check's own.</summary>
    public required string? Rule { get; init; }

    /// <summary>The version the check ran at; null for version-independent checks.</summary>
    public string? CniVersion { get; init; }

    public required CheckOutcome Outcome { get; init; }

    /// <summary>The level of <see cref="Rule"/>.</summary>
    public RuleLevel? Level { get; init; }

    /// <summary>A passed check with a SHOULD-level or Go-only finding.</summary>
    public bool IsWarning { get; init; }

    /// <summary>Expected versus seen (failures, warnings), why the check was skipped, or what was verified.</summary>
    public string? Message { get; init; }

    public TimeSpan Duration { get; init; }

    /// <summary>Calls of the plugin under test, in order (partner plugins such as the chain's bridge are not listed).</summary>
    public IReadOnlyList<InvocationRecord> Invocations { get; init; } = [];

    /// <summary>The call the failure is about, if one is (for the replay line).</summary>
    public InvocationRecord? FailedInvocation { get; init; }

    /// <summary>
    /// Earlier attempts of this check that failed (<c>--retries N</c>), oldest first; empty when it ran once. With
    /// <see cref="Outcome"/> passed the check is flaky; with failed, every rerun failed too.
    /// </summary>
    public IReadOnlyList<CheckResult> FailedAttempts { get; init; } = [];

    /// <summary>Passed only on a rerun: reported as flaky, never as a plain pass.</summary>
    public bool IsFlaky => Outcome == CheckOutcome.Passed && FailedAttempts.Count > 0;

    /// <summary>The id and version as shown and sharded: <c>del.twice [1.0.0]</c>.</summary>
    public string Label => CniVersion is null ? Id : $"{Id} [{CniVersion}]";
    /// <summary>The command that replays the check's recorded steps (<c>cnitest replay DIR --check KEY</c>), when the run recorded them.</summary>
    public string? ReplayCommand { get; init; }
}
