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

    public int Passed => Results.Count(r => r.Outcome == CheckOutcome.Passed);
    public int Failed => Results.Count(r => r.Outcome == CheckOutcome.Failed);
    public int Skipped => Results.Count(r => r.Outcome == CheckOutcome.Skipped);

    /// <summary>Passed checks that carry a warning (a subset of <see cref="Passed"/>).</summary>
    public int Warnings => Results.Count(r => r.IsWarning);
}
