using CniTest.Harness.Contract;
using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Model;

namespace CniTest.Scenarios.Checks;

/// <summary>
/// A chained plugin passes prevResult on (P21): it may change what it touched (tuning sets a MAC), but must not
/// drop interfaces, addresses or routes (rust-cni lost prevResult, PEERS (a); cni#862).
/// </summary>
internal static class ChainChecks
{
    public static IEnumerable<CheckDefinition> All() =>
    [
        new()
        {
            Id = "chain.keeps-prevresult",
            Title = "The chained plugin's result keeps the interfaces, addresses and routes of prevResult",
            Rule = "P21",
            Level = RuleLevel.Must,
            Roles = CheckDefinition.Only(PluginRole.Chained),
            Body = KeepsPrevResultAsync,
        },
    ];

    private static async Task KeepsPrevResultAsync(CheckContext ctx)
    {
        var a = ctx.NewAttachment();
        var add = await ctx.AddAsync(a);
        ctx.Require(add, "ADD", "P21", RuleLevel.Must);
        var prev = ResultView.Read(a.SubjectPrevResult, ctx.Version, out _);
        if (prev is null)
        {
            ctx.Skip("the plugin runs first in this chain; there is no prevResult to keep");
        }

        var output = ResultView.Read(a.SubjectResult, ctx.Version, out var error);
        if (output is null)
        {
            ctx.Fail("P21", RuleLevel.Must, $"the result cannot be read: {error}", add.Subject);
        }

        var missing = new List<string>();
        missing.AddRange(prev.Interfaces.Where(i => output.Interfaces.All(o => o.Name != i.Name)).Select(i => $"interface {i.Name}"));
        missing.AddRange(prev.IPs.Where(ip => output.IPs.All(o => !o.Address.Equals(ip.Address))).Select(ip => $"address {ip.Address}"));
        missing.AddRange(prev.Routes.Where(r => output.Routes.All(o => !o.Dst.Equals(r.Dst))).Select(r => $"route {r.Dst}"));
        if (missing.Count > 0)
        {
            ctx.Fail("P21", RuleLevel.Must, $"the result dropped what prevResult had: {string.Join(", ", missing)}", add.Subject);
        }

        ctx.Note($"kept {prev.Interfaces.Count} interface(s), {prev.IPs.Count} address(es), {prev.Routes.Count} route(s) of prevResult");
    }
}
