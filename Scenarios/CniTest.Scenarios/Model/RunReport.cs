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

    public int Passed => Results.Count(r => r.Outcome == CheckOutcome.Passed);
    public int Failed => Results.Count(r => r.Outcome == CheckOutcome.Failed);
    public int Skipped => Results.Count(r => r.Outcome == CheckOutcome.Skipped);

    /// <summary>Passed checks that carry a warning (a subset of <see cref="Passed"/>).</summary>
    public int Warnings => Results.Count(r => r.IsWarning);
}
