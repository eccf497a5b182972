using CniTest.Harness.Contract;
using CniTest.Scenarios.Model;

namespace CniTest.Scenarios.Engine;

/// <summary>Which versions a check runs at.</summary>
public enum VersionScope
{
    /// <summary>Once, at the deep version (the result lists no version when it does not depend on one).</summary>
    Once,
    /// <summary>At every version of the matrix (every advertised version).</summary>
    EachVersion,
    /// <summary>At the deep version(s): the highest, or each with --cni-version all.</summary>
    Deep,
}

/// <summary>
/// A named conformance check: a stable id (usable with --filter), a title, the catalogue rule it enforces and
/// that rule's level, the roles and versions it applies to, and its body.
/// </summary>
public sealed record CheckDefinition
{
    public required string Id { get; init; }
    public required string Title { get; init; }

    /// <summary>The rule id (a P id of schemas/rules/cni-rules.json) the check enforces.</summary>
    public required string Rule { get; init; }

    public required RuleLevel Level { get; init; }

    /// <summary>Other rule ids a failure of this check may cite (e.g. P2 when a call fails without an error object).</summary>
    public IReadOnlyList<string> AlsoReports { get; init; } = [];

    /// <summary>True when the check enforces <paramref name="checklistId"/> (its own rule or one it may report).</summary>
    public bool Enforces(string checklistId) => Rule == checklistId || AlsoReports.Contains(checklistId);

    public VersionScope Scope { get; init; } = VersionScope.Deep;

    /// <summary>Runs at exactly this version (GC and STATUS: 1.1.0) instead of the scope's.</summary>
    public string? FixedVersion { get; init; }

    /// <summary>Relative cost, so the expensive checks start first and the run's tail is short.</summary>
    public int Weight { get; init; } = 1;
    public IReadOnlySet<PluginRole> Roles { get; init; } = AllRoles;

    /// <summary>
    /// When the check is part of a run at all (null: always), for checks that only mean something with an option,
    /// such as the cross-node check with <c>--nodes 2</c>: not planned is not the same as skipped.
    /// </summary>
    public Func<RunOptions, bool>? PlannedWhen { get; init; }

    /// <summary>A reason not to run at a version (e.g. CHECK before 0.4.0); null to run.</summary>
    public Func<RunPlan, string, string?>? SkipWhen { get; init; }

    public required Func<CheckContext, Task> Body { get; init; }

    public static IReadOnlySet<PluginRole> AllRoles { get; } = new HashSet<PluginRole>([PluginRole.Interface, PluginRole.Chained, PluginRole.Ipam]);

    public static IReadOnlySet<PluginRole> Only(params PluginRole[] roles) => new HashSet<PluginRole>(roles);
}
