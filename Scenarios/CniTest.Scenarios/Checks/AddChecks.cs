using CniTest.Harness.Contract;
using CniTest.Harness.Results;
using CniTest.Harness.Results.V100;
using CniTest.Harness.Versioning;
using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Model;
using CniTest.Scenarios.Sandbox;

namespace CniTest.Scenarios.Checks;

/// <summary>ADD: result versus reality, CNI_IFNAME, an existing interface (checklist §2.3, P14, P17–P20).</summary>
internal static class AddChecks
{
    /// <summary>The non-default interface name that shows whether CNI_IFNAME is honoured.</summary>
    internal const string OtherIfName = "net1";

    public static IEnumerable<CheckDefinition> All() =>
    [
        new()
        {
            Id = "add.matches-sandbox",
            AlsoReports = ["P16", "P17", "P18"],
            Title = "The interfaces, MACs, addresses and routes the ADD result claims exist (sandbox and fake host)",
            Rule = "P14",
            Level = RuleLevel.Must,
            Roles = CheckDefinition.Only(PluginRole.Interface, PluginRole.Chained),
            Body = MatchesSandboxAsync,
        },
        new()
        {
            Id = "add.ifname",
            AlsoReports = ["P14"],
            Title = $"ADD with CNI_IFNAME={OtherIfName} creates a link with exactly that name",
            Rule = "P20",
            Level = RuleLevel.Must,
            Roles = CheckDefinition.Only(PluginRole.Interface),
            SkipWhen = (plan, _) => plan.Traits.ExistingInterface is { } lo
                ? $"the plugin configures the existing interface {lo} whatever CNI_IFNAME says (loopback-style); runtimes call it with CNI_IFNAME={lo}"
                : null,
            Body = IfNameAsync,
        },
        new()
        {
            Id = "add.existing-ifname-fails",
            Title = "ADD fails when a link named CNI_IFNAME already exists in the sandbox",
            Rule = "P19",
            Level = RuleLevel.Must,
            Roles = CheckDefinition.Only(PluginRole.Interface),
            SkipWhen = (plan, _) => plan.Traits.CreatesInterface ? null : NotCreating(plan),
            Body = ExistingIfNameAsync,
        },
    ];

    internal static string NotCreating(RunPlan plan) => plan.Traits.ExistingInterface is { } lo
        ? $"the plugin creates no interface: it configures the existing {lo}"
        : "the plugin creates no interface named CNI_IFNAME";

    private static async Task MatchesSandboxAsync(CheckContext ctx)
    {
        var a = ctx.NewAttachment();
        var add = await ctx.AddAsync(a);
        ctx.Require(add, "ADD", "P14", RuleLevel.Must);
        var result = ResultView.Read(a.Result, ctx.Version, out var error);
        if (result is null)
        {
            ctx.Fail("P16", RuleLevel.Must, $"the ADD result cannot be read as a {ctx.Version} result: {error}", add.Subject);
        }

        var sandbox = await NetnsView.ReadAsync(a.Sandbox.Path, ctx.Ct);
        var host = await NetnsView.ReadAsync(ctx.Host.NetnsPath, ctx.Ct);
        var sandboxLevel = ResultFamilies.TryGetFamily(ctx.Version, out var family) && family == ResultFamily.V040 ? RuleLevel.Must : RuleLevel.Should;
        var views = new List<(Interface100 Iface, NetnsView View, string Where)>();
        foreach (var iface in result.Interfaces)
        {
            var inSandbox = !string.IsNullOrEmpty(iface.Sandbox);
            if (inSandbox && iface.Sandbox != a.Netns)
            {
                ctx.Report("P18", sandboxLevel, $"interface {iface.Name} claims sandbox \"{iface.Sandbox}\", but CNI_NETNS was \"{a.Netns}\"", add.Subject);
            }

            var view = inSandbox ? sandbox : host;
            var where = inSandbox ? "sandbox" : "fake host";
            var link = view.Link(iface.Name);
            if (link is null)
            {
                ctx.Report("P14", RuleLevel.Must, $"the result lists interface {iface.Name} ({where}), but the {where} has no such link (it has: {string.Join(", ", view.Links.Select(l => l.Name))})", add.Subject);
                continue;
            }

            if (!string.IsNullOrEmpty(iface.Mac) && !string.Equals(iface.Mac, link.Mac, StringComparison.OrdinalIgnoreCase))
            {
                ctx.Report("P14", RuleLevel.Must, $"the result gives {iface.Name} the MAC {iface.Mac}, but the {where}'s {iface.Name} has {link.Mac}", add.Subject);
            }

            views.Add((iface, view, where));
        }

        // Every address of every family the result holds is looked up; the IPv6 link-local addresses the kernel adds
        // by itself are not the plugin's and are never expected in a result.
        var verified = new List<string>();
        foreach (var (ip, i) in result.IPs.Select((ip, i) => (ip, i)))
        {
            var text = ResultView.Text(ip.Address);
            if (ip.Interface is { } index)
            {
                if (index < 0 || index >= result.Interfaces.Count)
                {
                    // The checklist rates P17 SHOULD for "fill in appropriately"; an index that points nowhere is a
                    // broken reference that a runtime indexing the array trips over, so it fails here.
                    ctx.Report("P17", RuleLevel.Must, $"ips[{i}] ({text}) names interface index {index}, but the result lists {result.Interfaces.Count} interface(s)", add.Subject);
                    continue;
                }

                var iface = result.Interfaces[index];
                var seen = views.FirstOrDefault(v => v.Iface == iface);
                if (seen.View?.Link(iface.Name) is not { } link)
                {
                    continue; // the missing link is reported above
                }

                if (!ResultView.Holds(link.Addresses, ip.Address))
                {
                    ctx.Report("P14", RuleLevel.Must, $"the result puts {text} on {iface.Name}, but {seen.Where} link {iface.Name} has {(link.Addresses.Count == 0 ? "no address" : string.Join(", ", link.Addresses))}", add.Subject);
                    continue;
                }

                verified.Add($"{text} on {iface.Name}");
            }
            else if (ctx.Plan.Role == PluginRole.Interface)
            {
                var holder = sandbox.Links.Concat(host.Links).FirstOrDefault(l => ResultView.Holds(l.Addresses, ip.Address));
                if (holder is null)
                {
                    ctx.Report("P14", RuleLevel.Must, $"the result hands out {text}, but no link in the sandbox or the fake host has it", add.Subject);
                    continue;
                }

                verified.Add($"{text} on {holder.Name}");
            }
        }

        var routes = new List<string>();
        foreach (var route in result.Routes)
        {
            var dst = route.Dst.ToString();
            var found = sandbox.Routes.Any(r => ResultView.SameNetwork(ResultView.RouteDst(r.Dst), dst)
                                                && (route.Gateway is null || ResultView.SameAddress(r.Gateway, route.Gateway)));
            if (!found)
            {
                ctx.Report("P14", RuleLevel.Must, $"the result lists the route {dst}{(route.Gateway is null ? "" : " via " + route.Gateway)}, but the sandbox has no such route", add.Subject);
                continue;
            }

            routes.Add(dst);
        }

        ctx.Note($"verified against the kernel: {ResultView.List([.. GroupByLink(verified)])}; " +
                 $"{(routes.Count == 0 ? "no route" : $"route{(routes.Count == 1 ? "" : "s")} {ResultView.List(routes)}")} in the sandbox; " +
                 $"{result.Interfaces.Count} interface(s) with their MACs");
    }

    /// <summary>"10.99.0.2/24 on eth0" and "fd00:99::2/64 on eth0" become "10.99.0.2/24 and fd00:99::2/64 on eth0".</summary>
    private static IEnumerable<string> GroupByLink(IReadOnlyList<string> verified) => verified.Count == 0
        ? ["no address"]
        : verified.Select(v => v.Split(" on ", 2)).GroupBy(p => p[1]).Select(g => $"{ResultView.List([.. g.Select(p => p[0])])} on {g.Key}");

    private static async Task IfNameAsync(CheckContext ctx)
    {
        var a = ctx.NewAttachment(OtherIfName);
        var add = await ctx.AddAsync(a);
        ctx.Require(add, $"ADD with CNI_IFNAME={OtherIfName}", "P20", RuleLevel.Must);
        var sandbox = await NetnsView.ReadAsync(a.Sandbox.Path, ctx.Ct);
        if (sandbox.Link(OtherIfName) is null)
        {
            ctx.Fail("P20", RuleLevel.Must, $"ADD with CNI_IFNAME={OtherIfName} succeeded, but the sandbox has no link {OtherIfName} (it has: {string.Join(", ", sandbox.Links.Select(l => l.Name))})", add.Subject);
        }

        ctx.Note($"the sandbox has {OtherIfName}");
    }

    private static async Task ExistingIfNameAsync(CheckContext ctx)
    {
        var a = ctx.NewAttachment();
        // The kernels cnitest targets have no dummy links; a veth pair inside the sandbox does the same job.
        await a.Sandbox.IpBatchAsync($"link add {a.IfName} type veth peer name cnitest-taken\n", ctx.Ct);
        var add = await ctx.AddAsync(a);
        if (add.Succeeded)
        {
            ctx.Fail("P19", RuleLevel.Must, $"ADD with CNI_IFNAME={a.IfName} succeeded although a link {a.IfName} already existed in the sandbox; the plugin must return an error", add.Subject);
        }

        ctx.Note(add.Subject is { } s ? $"ADD failed as required: {ctx.Describe(s)}" : "ADD failed as required");
    }
}
