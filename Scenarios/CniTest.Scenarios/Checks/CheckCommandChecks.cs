using CniTest.Harness.Contract;
using CniTest.Harness.Versioning;
using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Model;

namespace CniTest.Scenarios.Checks;

/// <summary>CHECK (checklist §2.5): passes right after ADD (P32), fails after drift (P33), from 0.4.0 on.</summary>
internal static class CheckCommandChecks
{
    public static IEnumerable<CheckDefinition> All() =>
    [
        new()
        {
            Id = "check.after-add",
            Title = "CHECK right after ADD, with the ADD result as prevResult, passes",
            Rule = "P32",
            Level = RuleLevel.Must,
            SkipWhen = NoCheck,
            Body = AfterAddAsync,
        },
        new()
        {
            Id = "check.address-removed",
            Title = "CHECK fails when an address the result lists on the interface was removed",
            Rule = "P33",
            Level = RuleLevel.Should,
            Roles = CheckDefinition.Only(PluginRole.Interface),
            SkipWhen = (plan, v) => NoCheck(plan, v) ?? (plan.Traits.CreatesInterface ? null : AddChecks.NotCreating(plan)),
            Body = ctx => DriftAsync(ctx, removeAddress: true),
        },
        new()
        {
            Id = "check.interface-deleted",
            Title = "CHECK fails when the interface the plugin created was deleted",
            Rule = "P33",
            Level = RuleLevel.Should,
            Roles = CheckDefinition.Only(PluginRole.Interface),
            SkipWhen = (plan, v) => NoCheck(plan, v) ?? (plan.Traits.CreatesInterface ? null : AddChecks.NotCreating(plan)),
            Body = ctx => DriftAsync(ctx, removeAddress: false),
        },
    ];

    private static string? NoCheck(RunPlan plan, string version) =>
        SpecVersions.HasCheck(version) ? null : $"CHECK exists from 0.4.0 on; this run's version is {version}";

    private static async Task AfterAddAsync(CheckContext ctx)
    {
        var a = ctx.NewAttachment();
        ctx.Require(await ctx.AddAsync(a), "ADD", "P32", RuleLevel.Must);
        ctx.Require(await ctx.CheckAsync(a), "CHECK right after ADD", "P32", RuleLevel.Must);
        ctx.Note("CHECK passed");
    }

    private static async Task DriftAsync(CheckContext ctx, bool removeAddress)
    {
        var a = ctx.NewAttachment();
        ctx.Require(await ctx.AddAsync(a), "ADD", "P33", RuleLevel.Must);
        string drift;
        if (removeAddress)
        {
            var result = ResultView.Read(a.Result, ctx.Version, out _);
            int? index = null;
            for (var n = 0; n < (result?.Interfaces.Count ?? 0); n++)
            {
                if (result!.Interfaces[n].Name == a.IfName && !string.IsNullOrEmpty(result.Interfaces[n].Sandbox))
                {
                    index = n;
                }
            }

            // An address without an interface index belongs to the container interface by convention.
            var ip = result?.IPs.FirstOrDefault(x => index is not null && x.Interface == index)
                     ?? result?.IPs.FirstOrDefault(x => x.Interface is null);
            if (ip is null)
            {
                ctx.Skip($"the ADD result puts no address on {a.IfName}, so there is none to remove");
            }

            drift = $"{ResultView.Text(ip.Address)} was removed from {a.IfName}";
            await a.Sandbox.IpBatchAsync($"address del {ResultView.Text(ip.Address)} dev {a.IfName}\n", ctx.Ct);
        }
        else
        {
            drift = $"{a.IfName} was deleted";
            await a.Sandbox.IpBatchAsync($"link del {a.IfName}\n", ctx.Ct);
        }

        var check = await ctx.CheckAsync(a);
        if (check.Succeeded)
        {
            ctx.Fail("P33", RuleLevel.Should, $"CHECK passed although {drift}; it must report what it created and is now missing", check.Subject);
        }

        ctx.Note($"after {drift}, CHECK failed: {(check.Subject is { } s ? ctx.Describe(s) : "a partner failed")}");
    }
}
