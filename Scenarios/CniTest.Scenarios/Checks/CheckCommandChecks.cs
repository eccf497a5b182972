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
            Body = ctx => DriftAsync(ctx, Drift.Address),
        },
        new()
        {
            Id = "check.ipv6-address-removed",
            Title = "CHECK fails when the IPv6 address the result lists on the interface was removed and its IPv4 address kept",
            Rule = "P33",
            Level = RuleLevel.Should,
            Roles = CheckDefinition.Only(PluginRole.Interface),
            SkipWhen = (plan, v) => NoCheck(plan, v) ?? (plan.Traits.CreatesInterface ? null : AddChecks.NotCreating(plan)) ?? SingleFamily(plan),
            Body = ctx => DriftAsync(ctx, Drift.Ipv6Address),
        },
        new()
        {
            Id = "check.interface-deleted",
            Title = "CHECK fails when the interface the plugin created was deleted",
            Rule = "P33",
            Level = RuleLevel.Should,
            Roles = CheckDefinition.Only(PluginRole.Interface),
            SkipWhen = (plan, v) => NoCheck(plan, v) ?? (plan.Traits.CreatesInterface ? null : AddChecks.NotCreating(plan)),
            Body = ctx => DriftAsync(ctx, Drift.Interface),
        },
    ];

    /// <summary>Why a built-in config of one family has nothing for the IPv6 drift check; null for dual and user configs.</summary>
    private static string? SingleFamily(RunPlan plan) => !plan.Network.IsBuiltIn ? null : plan.Options.IpFamily switch
    {
        IpFamily.Ipv4 => "--ip-family ipv4: the built-in config hands out no IPv6 address",
        IpFamily.Ipv6 => "--ip-family ipv6: the only address is IPv6, and check.address-removed removes it",
        _ => null,
    };

    private static string? NoCheck(RunPlan plan, string version) =>
        !SpecVersions.HasCheck(version) ? $"CHECK exists from 0.4.0 on; this run's version is {version}"
        : plan.Options.Runtime.Sends(Runtimes.PersonaVerb.Check) ? null
        : $"--runtime {plan.Options.Runtime.Name}: {plan.Options.Runtime.Caller} never sends CHECK";

    private static async Task AfterAddAsync(CheckContext ctx)
    {
        var a = ctx.NewAttachment();
        ctx.Require(await ctx.AddAsync(a), "ADD", "P32", RuleLevel.Must);
        ctx.Require(await ctx.CheckAsync(a), "CHECK right after ADD", "P32", RuleLevel.Must);
        ctx.Note("CHECK passed");
    }

    /// <summary>What is taken away before CHECK.</summary>
    private enum Drift
    {
        /// <summary>The first address the result puts on the interface (the IPv4 one of a dual-stack result).</summary>
        Address,
        /// <summary>An IPv6 address, while an address of the other family stays: a CHECK that looks at IPv4 only misses it.</summary>
        Ipv6Address,
        /// <summary>The interface itself.</summary>
        Interface,
    }

    private static async Task DriftAsync(CheckContext ctx, Drift kind)
    {
        var a = ctx.NewAttachment();
        ctx.Require(await ctx.AddAsync(a), "ADD", "P33", RuleLevel.Must);
        string drift;
        if (kind == Drift.Interface)
        {
            drift = $"{a.IfName} was deleted";
            await a.Sandbox.IpBatchAsync($"link del {a.IfName}\n", ctx.Ct);
        }
        else
        {
            var addresses = AddressesOn(ctx, a);
            var candidates = kind == Drift.Address ? addresses : [.. addresses.Where(x => ResultView.IsIpv6(x.Address))];
            if (candidates.Count == 0)
            {
                ctx.Skip($"the ADD result puts no {(kind == Drift.Address ? "" : "IPv6 ")}address on {a.IfName}, so there is none to remove");
            }

            if (kind == Drift.Ipv6Address && addresses.All(x => ResultView.IsIpv6(x.Address)))
            {
                ctx.Skip($"the ADD result puts only IPv6 addresses on {a.IfName}; check.address-removed removes one");
            }

            var text = ResultView.Text(candidates[0]);
            drift = kind == Drift.Address ? $"{text} was removed from {a.IfName}"
                : $"{text} was removed from {a.IfName} ({ResultView.List([.. addresses.Where(x => !ResultView.IsIpv6(x.Address)).Select(ResultView.Text)])} kept)";
            await a.Sandbox.IpBatchAsync($"address del {text} dev {a.IfName}\n", ctx.Ct);
        }

        var check = await ctx.CheckAsync(a);
        if (check.Succeeded)
        {
            ctx.Fail("P33", RuleLevel.Should, $"CHECK passed although {drift}; it must report what it created and is now missing", check.Subject);
        }

        ctx.Note($"after {drift}, CHECK failed: {(check.Subject is { } s ? ctx.Describe(s) : "a partner failed")}");
    }

    /// <summary>The addresses the ADD result puts on the attachment's interface, in result order.</summary>
    private static IReadOnlyList<Harness.Results.Cidr> AddressesOn(CheckContext ctx, Attachment a)
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
        var ips = result?.IPs ?? [];
        var onInterface = ips.Where(x => index is not null && x.Interface == index).ToList();
        return [.. (onInterface.Count > 0 ? onInterface : ips.Where(x => x.Interface is null)).Select(x => x.Address)];
    }
}
