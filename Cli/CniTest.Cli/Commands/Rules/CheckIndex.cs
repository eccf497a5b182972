using CniTest.Harness.Contract;
using CniTest.Harness.Rules;
using CniTest.Scenarios.Checks;
using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Model;

namespace CniTest.Cli.Commands.Rules;

/// <summary>One result id of <c>cnitest run</c>: a check with a body, or an output-contract rule (<c>contract.…</c>).</summary>
/// <param name="Id">The result id, as in reports and <c>--filter</c>.</param>
/// <param name="Title">What the check does.</param>
/// <param name="Rule">The rule id the check enforces.</param>
/// <param name="AlsoReports">Other rule ids its failures may cite.</param>
/// <param name="Level">The level the check judges its rule by (at 1.1.0 where it changes by version).</param>
/// <param name="Roles">The roles it runs for.</param>
/// <param name="Runs">When it runs: how often, at which version.</param>
/// <param name="FixedVersion">The one version it runs at (GC, STATUS), or null.</param>
internal sealed record CheckEntry(string Id, string Title, string Rule, IReadOnlyList<string> AlsoReports, RuleLevel Level,
    IReadOnlyList<PluginRole> Roles, string Runs, string? FixedVersion)
{
    /// <summary>True when the check enforces <paramref name="ruleId"/>, as its own rule or one it may report.</summary>
    public bool Covers(string ruleId) => Rule == ruleId || AlsoReports.Contains(ruleId);

    /// <summary>The spec versions it can run at: its rule's, narrowed to <see cref="FixedVersion"/>.</summary>
    public IReadOnlyList<string> Versions(RuleCatalog catalog)
    {
        var versions = catalog.Find(Rule)?.SpecVersions ?? [];
        return FixedVersion is null ? versions : [.. versions.Where(v => v == FixedVersion)];
    }
}

/// <summary>
/// Every result id <c>cnitest run</c> can report, joined from the Scenarios' <see cref="CheckCatalog"/>: the checks
/// first, then the output-contract rules, each in report order.
/// </summary>
internal static class CheckIndex
{
    private static readonly PluginRole[] AllRoles = [PluginRole.Interface, PluginRole.Chained, PluginRole.Ipam];

    public static IReadOnlyList<CheckEntry> All { get; } =
    [
        .. CheckCatalog.All.Select(FromDefinition),
        .. CheckCatalog.ContractRules.Select(FromContract),
    ];

    /// <summary>The entry with <paramref name="id"/> (exact), or null.</summary>
    public static CheckEntry? Find(string id) => All.FirstOrDefault(c => c.Id == id);

    private static CheckEntry FromDefinition(CheckDefinition d) => new(
        d.Id, d.Title, d.Rule, d.AlsoReports, d.Level, [.. AllRoles.Where(d.Roles.Contains)],
        d.FixedVersion is { } v ? $"once, at {v}" : d.Scope switch
        {
            VersionScope.Once => "once",
            VersionScope.EachVersion => "at every advertised version",
            _ => "at the highest version (each with --cni-version all)",
        },
        d.FixedVersion);

    // The contract is not a check with a body: ContractCollector judges every call any check makes.
    private static CheckEntry FromContract(ContractRule r) => new(
        "contract." + r.Id, r.Description, r.ChecklistId, [], r.Level, AllRoles, "on every plugin call of the run", null);
}
