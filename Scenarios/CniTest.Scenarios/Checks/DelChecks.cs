using System.Text.Json.Nodes;
using CniTest.Harness.Contract;
using CniTest.Harness.Invocation;
using CniTest.Scenarios.Configs;
using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Model;
using CniTest.Scenarios.Sandbox;

namespace CniTest.Scenarios.Checks;

/// <summary>
/// The DEL family (checklist §2.4): DEL is idempotent and best-effort (P26–P29). Runtimes repeat DEL, send it
/// after the container died, without a cached result and after a failed ADD (plugins#210, cilium#40843,
/// plugins#390, plugins#1282).
/// </summary>
internal static class DelChecks
{
    public static IEnumerable<CheckDefinition> All() =>
    [
        new()
        {
            Id = "del.twice",
            Title = "ADD, DEL, DEL: both DELs succeed",
            Rule = "P26",
            Level = RuleLevel.Must,
            Body = TwiceAsync,
        },
        new()
        {
            Id = "del.without-add",
            Title = "DEL of an attachment that was never added succeeds",
            Rule = "P26",
            Level = RuleLevel.Must,
            Body = WithoutAddAsync,
        },
        new()
        {
            Id = "del.sandbox-deleted",
            Title = "DEL succeeds after the sandbox was deleted (stale CNI_NETNS) and releases the IPAM state",
            Rule = "P27",
            Level = RuleLevel.Should,
            Body = ctx => BestEffortAsync(ctx, deleteSandbox: true),
        },
        new()
        {
            Id = "del.netns-empty",
            Title = "DEL with CNI_NETNS empty succeeds and releases the IPAM state",
            Rule = "P27",
            Level = RuleLevel.Should,
            Body = ctx => BestEffortAsync(ctx, deleteSandbox: false),
        },
        new()
        {
            Id = "del.no-prevresult",
            Title = "DEL without prevResult succeeds",
            Rule = "P28",
            Level = RuleLevel.Should,
            Body = NoPrevResultAsync,
        },
        new()
        {
            Id = "del.after-failed-add",
            AlsoReports = ["P19"],
            Title = "DEL after an ADD that failed succeeds",
            Rule = "P26",
            Level = RuleLevel.Must,
            Body = AfterFailedAddAsync,
        },
        new()
        {
            Id = "del.releases-ipam",
            Title = "DEL releases the IPAM state the ADD created",
            Rule = "P29",
            Level = RuleLevel.Must,
            Body = ReleasesIpamAsync,
        },
    ];

    private static async Task TwiceAsync(CheckContext ctx)
    {
        var a = ctx.NewAttachment();
        ctx.Require(await ctx.AddAsync(a), "ADD", "P26", RuleLevel.Must);
        ctx.Require(await ctx.DelAsync(a), "first DEL", "P26", RuleLevel.Must);
        ctx.Require(await ctx.DelAsync(a), "second DEL of the same attachment", "P26", RuleLevel.Must);
        ctx.Note("both DELs succeeded");
    }

    private static async Task WithoutAddAsync(CheckContext ctx)
    {
        var a = ctx.NewAttachment();
        ctx.Require(await ctx.DelAsync(a), "DEL without any ADD", "P26", RuleLevel.Must);
        ctx.Note("DEL succeeded");
    }

    private static async Task BestEffortAsync(CheckContext ctx, bool deleteSandbox)
    {
        await ctx.WarmUpAsync("P27", RuleLevel.Should);
        var a = ctx.NewAttachment();
        var before = StateSnapshot.Files(ctx.Host.StateFileRoots);
        ctx.Require(await ctx.AddAsync(a), "ADD", "P27", RuleLevel.Should);
        var created = before.AddedIn(StateSnapshot.Files(ctx.Host.StateFileRoots));
        string what;
        DelOptions options;
        if (deleteSandbox)
        {
            a.Sandbox.Delete();
            what = "DEL after the sandbox was deleted (CNI_NETNS names a path that is gone)";
            options = DelOptions.Default;
        }
        else
        {
            what = "DEL with CNI_NETNS empty";
            options = DelOptions.Default with { Netns = "" };
        }

        ctx.Require(await ctx.DelAsync(a, options), what, "P27", RuleLevel.Should);
        var left = created.Intersect(StateSnapshot.Files(ctx.Host.StateFileRoots).Items).ToList();
        if (left.Count > 0)
        {
            // plugins#210 / containerd/cri#948: runtimes skipped teardown, and the IPs leaked for good.
            ctx.Fail("P27", RuleLevel.Should, $"{what} succeeded but left the attachment's state: {string.Join(", ", left)}");
        }

        ctx.Note($"{what} succeeded{(created.Count > 0 ? " and released " + string.Join(", ", created) : "")}");
    }

    private static async Task NoPrevResultAsync(CheckContext ctx)
    {
        var a = ctx.NewAttachment();
        ctx.Require(await ctx.AddAsync(a), "ADD", "P28", RuleLevel.Should);
        ctx.Require(await ctx.DelAsync(a, DelOptions.Default with { WithPrevResult = false }), "DEL without prevResult", "P28", RuleLevel.Should);
        ctx.Note("DEL without prevResult succeeded");
    }

    private static async Task AfterFailedAddAsync(CheckContext ctx)
    {
        if (ctx.Plan.Role == PluginRole.Ipam)
        {
            await AfterFailedIpamAddAsync(ctx);
            return;
        }

        if (ctx.Plan.Traits.ExistingInterface is not null)
        {
            ctx.Skip(AddChecks.NotCreating(ctx.Plan) + "; there is no generic way to make its ADD fail with a valid config");
        }

        // A link that already holds CNI_IFNAME makes the interface-creating plugin (or the chain's bridge) fail
        // half way, the situation of cilium#40843; the runtime then sends DEL with the same parameters (R49).
        var a = ctx.NewAttachment();
        await a.Sandbox.IpBatchAsync($"link add {a.IfName} type veth peer name cnitest-taken\n", ctx.Ct);
        var add = await ctx.AddAsync(a);
        if (add.Succeeded)
        {
            ctx.Skip($"ADD did not fail although {a.IfName} already existed (add.existing-ifname-fails reports that)");
        }

        ctx.Require(await ctx.DelAsync(a), "DEL after the failed ADD", "P26", RuleLevel.Must);
        ctx.Note($"ADD failed ({(add.Subject is { } s ? ctx.Describe(s) : "in a partner")}); the DEL that followed succeeded");
    }

    private static async Task AfterFailedIpamAddAsync(CheckContext ctx)
    {
        if (!ctx.Plan.Network.IsBuiltIn)
        {
            ctx.Skip("with --config there is no generic way to make an IPAM plugin's ADD fail");
        }

        // One usable address per family: the first attachment takes it and the second ADD must fail.
        var first = ctx.NewAttachment();
        var second = ctx.NewAttachment();
        byte[] Request(Attachment a)
        {
            var request = ctx.SubjectRequest(a);
            request["ipam"]!["ranges"] = DefaultNetworks.ExhaustedRanges(ctx.Plan.Options.IpFamily);
            return CheckContext.Encode(request);
        }

        var taken = await ctx.InvokeSubjectAsync(CniCommand.Add, first, Request(first));
        if (!taken.Succeeded)
        {
            ctx.Fail("P26", RuleLevel.Must, $"ADD on a one-address range: expected exit 0, got {ctx.Describe(taken)}", taken);
        }

        var add = await ctx.InvokeSubjectAsync(CniCommand.Add, second, Request(second));
        if (add.Succeeded)
        {
            ctx.Skip("a second ADD on a one-address range did not fail (static-style IPAM takes its addresses from the config)");
        }

        var del = await ctx.InvokeSubjectAsync(CniCommand.Del, second, Request(second));
        if (!del.Succeeded)
        {
            ctx.Fail("P26", RuleLevel.Must, $"DEL after the failed ADD: expected exit 0, got {ctx.Describe(del)}", del);
        }

        ctx.Note($"ADD on an exhausted range failed ({ctx.Describe(add)}); the DEL that followed succeeded");
    }

    private static async Task ReleasesIpamAsync(CheckContext ctx)
    {
        await ctx.WarmUpAsync("P29", RuleLevel.Must);
        var a = ctx.NewAttachment();
        var before = StateSnapshot.Files(ctx.Host.StateFileRoots);
        ctx.Require(await ctx.AddAsync(a), "ADD", "P29", RuleLevel.Must);
        var created = before.AddedIn(StateSnapshot.Files(ctx.Host.StateFileRoots));
        ctx.Require(await ctx.DelAsync(a), "DEL", "P29", RuleLevel.Must);
        var left = created.Intersect(StateSnapshot.Files(ctx.Host.StateFileRoots).Items).ToList();
        if (left.Count > 0)
        {
            ctx.Fail("P29", RuleLevel.Must, $"DEL left the state the ADD created: {string.Join(", ", left)} (the address stays reserved forever)");
        }

        ctx.Note(created.Count == 0 ? "ADD created no state files, so there was nothing to release" : $"released {string.Join(", ", created)}");
    }
}
