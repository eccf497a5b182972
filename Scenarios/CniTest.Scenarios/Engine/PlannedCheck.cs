namespace CniTest.Scenarios.Engine;

/// <summary>One check at one version, as scheduled.</summary>
/// <param name="Definition">The check.</param>
/// <param name="Version">The version it runs at.</param>
/// <param name="ReportVersion">The version shown in the report (null for a version-independent check).</param>
/// <param name="SkipReason">Why it does not run, or null.</param>
public sealed record PlannedCheck(CheckDefinition Definition, string Version, string? ReportVersion, string? SkipReason)
{
    public string Label => ReportVersion is null ? Definition.Id : $"{Definition.Id} [{ReportVersion}]";
}

/// <summary>Expands the catalog into the checks of a run: roles, versions, skip reasons and --filter.</summary>
public static class Planner
{
    public static IReadOnlyList<PlannedCheck> Expand(RunPlan plan, IEnumerable<CheckDefinition> catalog, string? filter)
    {
        var terms = Terms(filter);
        var planned = new List<PlannedCheck>();
        foreach (var def in catalog)
        {
            if (!def.Roles.Contains(plan.Role) || !Matches(def.Id, terms, def.Enforces) || def.PlannedWhen?.Invoke(plan.Options) == false)
            {
                continue;
            }

            if (def.FixedVersion is { } fixedVersion)
            {
                planned.Add(new PlannedCheck(def, fixedVersion, fixedVersion, def.SkipWhen?.Invoke(plan, fixedVersion)));
                continue;
            }

            switch (def.Scope)
            {
                case VersionScope.Once:
                    planned.Add(new PlannedCheck(def, plan.DeepVersions[0], null, def.SkipWhen?.Invoke(plan, plan.DeepVersions[0])));
                    break;
                case VersionScope.EachVersion:
                    foreach (var (version, reason) in plan.Matrix)
                    {
                        planned.Add(new PlannedCheck(def, version, version, reason ?? def.SkipWhen?.Invoke(plan, version)));
                    }

                    break;
                default:
                    foreach (var version in plan.DeepVersions)
                    {
                        planned.Add(new PlannedCheck(def, version, version, def.SkipWhen?.Invoke(plan, version)));
                    }

                    break;
            }
        }

        return planned;
    }

    /// <summary>
    /// True when a check passes --filter (no terms: everything): a term matches when the id contains it, or when
    /// it is a checklist id (P26) that the check enforces.
    /// </summary>
    public static bool Matches(string id, IReadOnlyList<string> terms, Func<string, bool> enforces) =>
        terms.Count == 0 || terms.Any(t => id.Contains(t, StringComparison.OrdinalIgnoreCase) || (IsChecklistId(t) && enforces(t.ToUpperInvariant())));

    /// <summary>The terms of a --filter value.</summary>
    public static IReadOnlyList<string> Terms(string? filter) =>
        (filter ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool IsChecklistId(string term) =>
        term.Length > 1 && term[0] is 'P' or 'p' && term[1..].All(char.IsAsciiDigit);
}
