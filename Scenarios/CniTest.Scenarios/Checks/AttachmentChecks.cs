using System.Net;
using CniTest.Harness.Contract;
using CniTest.Scenarios.Configs;
using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Model;
using CniTest.Scenarios.Sandbox;

namespace CniTest.Scenarios.Checks;

/// <summary>
/// Several attachments of one network: distinct addresses, and neither disturbs the other (P8: plugins share
/// state such as IPAM stores and bridges across attachments; P20 for two interface names in one sandbox).
/// </summary>
internal static class AttachmentChecks
{
    public static IEnumerable<CheckDefinition> All() =>
    [
        new()
        {
            Id = "add.two-sandboxes",
            AlsoReports = ["P26"],
            Title = "Two attachments in different sandboxes get distinct addresses and neither disturbs the other",
            Rule = "P8",
            Level = RuleLevel.Must,
            Body = TwoSandboxesAsync,
        },
        new()
        {
            Id = "add.two-ifnames",
            AlsoReports = ["P8", "P26"],
            Title = "Two attachments in one sandbox under two interface names both work and stay independent",
            Rule = "P20",
            Level = RuleLevel.Must,
            Roles = CheckDefinition.Only(PluginRole.Interface),
            SkipWhen = (plan, _) => plan.Traits.CreatesInterface ? null : AddChecks.NotCreating(plan),
            Body = TwoIfNamesAsync,
        },
    ];

    private static async Task TwoSandboxesAsync(CheckContext ctx)
    {
        var first = ctx.NewAttachment();
        var second = ctx.NewAttachment();
        await TwoAttachmentsAsync(ctx, first, second);
    }

    private static async Task TwoIfNamesAsync(CheckContext ctx)
    {
        var first = ctx.NewAttachment();
        var second = ctx.NewAttachment(AddChecks.OtherIfName, first.Sandbox, first.ContainerId, DefaultNetworks.Second(ctx.Plan.Network));
        await TwoAttachmentsAsync(ctx, first, second);
    }

    private static async Task TwoAttachmentsAsync(CheckContext ctx, Attachment first, Attachment second)
    {
        ctx.Require(await ctx.AddAsync(first), $"ADD of the first attachment ({first.IfName})", "P8", RuleLevel.Must);
        var firstState = await ObserveAsync(ctx, first);
        var add = await ctx.AddAsync(second);
        ctx.Require(add, $"ADD of the second attachment ({second.IfName}, {(second.Sandbox == first.Sandbox ? "same sandbox" : "another sandbox")})", "P8", RuleLevel.Must);

        var a1 = ResultView.Addresses(ResultView.Read(first.SubjectResult, ctx.Version, out _));
        var a2 = ResultView.Addresses(ResultView.Read(second.SubjectResult, ctx.Version, out _));
        var shared = a1.Intersect(a2).Where(ResultView.IsPooled).ToList();
        var configured = ctx.Plan.Network.StaticAddresses();
        if (shared.Count > 0 && !shared.All(ip => configured.Contains(ip.ToString())))
        {
            ctx.Fail("P8", RuleLevel.Must, $"both attachments were given {string.Join(", ", shared)}", add.Subject);
        }

        if (shared.Count > 0)
        {
            ctx.Note($"both got {string.Join(", ", shared)}, which the config lists under ipam.addresses (static-style IPAM)");
        }

        await ExpectUndisturbedAsync(ctx, first, firstState, "after the second ADD");
        ctx.Require(await ctx.DelAsync(second), "DEL of the second attachment", "P26", RuleLevel.Must);
        await ExpectUndisturbedAsync(ctx, first, firstState, "after the second attachment's DEL");
        ctx.Note($"addresses {Join(a1)} and {Join(a2)}; the first attachment was untouched by the second's ADD and DEL");
    }

    /// <summary>
    /// What must stay as it is for an attachment: its interface's addresses in the sandbox (of every family, but not
    /// the IPv6 link-local ones the kernel adds by itself), or its IPAM files.
    /// </summary>
    private static async Task<(IReadOnlyList<string> Addresses, StateSnapshot Files)> ObserveAsync(CheckContext ctx, Attachment a)
    {
        IReadOnlyList<string> addresses = ctx.Plan.Role == PluginRole.Ipam
            ? []
            : [.. (await NetnsView.ReadAsync(a.Sandbox.Path, ctx.Ct)).Addresses.Where(x => x.Link == a.IfName && x.Scope != "link").Select(x => x.Cidr)];
        return (addresses, StateSnapshot.Files(ctx.Host.StateFileRoots));
    }

    private static async Task ExpectUndisturbedAsync(CheckContext ctx, Attachment a, (IReadOnlyList<string> Addresses, StateSnapshot Files) before, string when)
    {
        var now = await ObserveAsync(ctx, a);
        var lostAddresses = before.Addresses.Except(now.Addresses).ToList();
        if (lostAddresses.Count > 0)
        {
            ctx.Fail("P8", RuleLevel.Must, $"{when}, the first attachment's {a.IfName} lost {string.Join(", ", lostAddresses)}");
        }

        var lostFiles = before.Files.RemovedIn(now.Files);
        if (lostFiles.Count > 0)
        {
            ctx.Fail("P8", RuleLevel.Must, $"{when}, state of the first attachment disappeared: {string.Join(", ", lostFiles)}");
        }
    }

    private static string Join(IReadOnlyList<IPAddress> ips) => ips.Count == 0 ? "(none)" : string.Join(", ", ips);
}
