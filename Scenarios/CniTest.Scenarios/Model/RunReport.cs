using CniTest.Scenarios.Sandbox;

namespace CniTest.Scenarios.Model;

/// <summary>Everything a run found; the JSON report (<c>--report</c>) is this object.</summary>
public sealed record RunReport
{
    public required string Plugin { get; init; }
    public required PluginRole Role { get; init; }
    public required IReadOnlyList<string> Versions { get; init; }
    public required TimeSpan Duration { get; init; }
    public required IReadOnlyList<CheckResult> Results { get; init; }
    public required ProfilePolicy Policy { get; init; }

    /// <summary>How the fake hosts were set up (<c>--host-profile</c>): verdicts on connectivity depend on it.</summary>
    public HostProfile HostProfile { get; init; } = HostProfile.Plain;

    /// <summary>The runtime persona the suite called plugins as (<c>--runtime</c>).</summary>
    public string Runtime { get; init; } = Runtimes.RuntimePersonas.Libcni.Name;

    /// <summary>Passed on the first attempt (flaky checks are counted in <see cref="Flaky"/> instead).</summary>
    public int Passed => Results.Count(r => r.Outcome == CheckOutcome.Passed && !r.IsFlaky);

    /// <summary>Passed only on a rerun (<c>--retries</c>).</summary>
    public int Flaky => Results.Count(r => r.IsFlaky);

    public int Failed => Results.Count(r => r.Outcome == CheckOutcome.Failed);
    public int Skipped => Results.Count(r => r.Outcome == CheckOutcome.Skipped);

    /// <summary>Checks that did not run to their end (<see cref="CheckOutcome.Error"/>): the run is no whole verdict.</summary>
    public int Errors => Results.Count(r => r.Outcome == CheckOutcome.Error);

    /// <summary>
    /// The one word for the whole run, the same on the console, in the step summary and after a merge: FAILED when a
    /// check failed, ERROR when none failed but one did not run to its end, else PASSED.
    /// </summary>
    public string Verdict => Failed > 0 ? "FAILED" : Errors > 0 ? "ERROR" : "PASSED";

    /// <summary>The part of the plan this run ran (<c>--shard K/N</c>); null for a whole run.</summary>
    public Engine.ShardSpec? Shard { get; init; }

    /// <summary>
    /// Labels of every planned check of the whole run in plan order (before sharding), so that merged shards can be
    /// checked for completeness and put back in the order of a single run.
    /// </summary>
    public IReadOnlyList<string> Planned { get; init; } = [];

    /// <summary>The output contract's raw tally over this run's calls, from which its results are judged (and re-judged when shards merge).</summary>
    public Engine.ContractTally? Contract { get; init; }

    /// <summary>Passed checks that carry a warning (a subset of <see cref="Passed"/>).</summary>
    public int Warnings => Results.Count(r => r.IsWarning);
}
