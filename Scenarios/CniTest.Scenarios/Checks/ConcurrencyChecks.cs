using CniTest.Harness.Contract;
using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Sandbox;

namespace CniTest.Scenarios.Checks;

/// <summary>
/// Plugins must tolerate concurrent calls for different containers (P8): parallel ADDs on a fresh bridge raced
/// on EEXIST (plugins#366), IPAM without locking handed out one address twice (calico/cni-plugin#520).
/// </summary>
internal static class ConcurrencyChecks
{
    public static IEnumerable<CheckDefinition> All() =>
    [
        new()
        {
            Id = "concurrency.parallel-add-del",
            Title = "Parallel ADDs for different containers all succeed with distinct addresses; parallel DELs leave nothing",
            Rule = "P8",
            Level = RuleLevel.Must,
            Body = ParallelAsync,
        },
    ];

    private static async Task ParallelAsync(CheckContext ctx)
    {
        var n = ctx.Plan.Options.ParallelAttachments;
        var roots = ctx.Host.StateFileRoots;

        // A warm-up attachment creates the shared scaffolding, so what remains afterwards is per attachment.
        await ctx.WarmUpAsync("P8", RuleLevel.Must);
        var baseline = await StateSnapshot.TakeAsync(ctx.Host.NetnsPath, roots, ct: ctx.Ct);

        // Fresh, still empty bridge and IPAM store: the race window of plugins#366. Sandboxes first, so that the
        // ADDs start as close together as possible.
        var attachments = Enumerable.Range(0, n).Select(_ => ctx.NewAttachment()).ToList();
        var adds = await Task.WhenAll(attachments.Select(a => Task.Run(() => ctx.AddAsync(a), ctx.Ct)));
        var failed = adds.Where(s => !s.Succeeded).ToList();
        if (failed.Count > 0)
        {
            var first = failed[0];
            ctx.Fail("P8", RuleLevel.Must,
                $"{failed.Count} of {n} parallel ADDs failed; the first: {(first.Subject is { } s ? ctx.Describe(s) : $"partner {first.PartnerFailure?.Member.Type} failed")}",
                first.Subject);
        }

        var configured = ctx.Plan.Network.StaticAddresses();
        var handedOut = attachments
            .SelectMany(a => ResultView.Addresses(ResultView.Read(a.SubjectResult, ctx.Version, out _)).Where(ResultView.IsPooled).Select(ip => (a, ip)))
            .ToList();
        var duplicates = handedOut
            .GroupBy(x => x.ip)
            .Where(g => g.Count() > 1 && !configured.Contains(g.Key.ToString()))
            .ToList();
        if (duplicates.Count > 0)
        {
            ctx.Fail("P8", RuleLevel.Must, $"parallel ADDs handed out the same address more than once: " +
                string.Join("; ", duplicates.Select(g => $"{g.Key} to {string.Join(", ", g.Select(x => x.a.ContainerId))}")));
        }

        var dels = await Task.WhenAll(attachments.Select(a => Task.Run(() => ctx.DelAsync(a), ctx.Ct)));
        var delFailed = dels.Where(s => !s.Succeeded).ToList();
        if (delFailed.Count > 0)
        {
            ctx.Fail("P8", RuleLevel.Must,
                $"{delFailed.Count} of {n} parallel DELs failed; the first: {(delFailed[0].Subject is { } s ? ctx.Describe(s) : "a partner failed")}",
                delFailed[0].Subject);
        }

        var leaked = baseline.AddedIn(await StateSnapshot.TakeAsync(ctx.Host.NetnsPath, roots, ct: ctx.Ct));
        if (leaked.Count > 0)
        {
            ctx.Fail("P8", RuleLevel.Must, $"after {n} parallel ADDs and DELs the fake host still has: {string.Join("; ", leaked)}");
        }

        var families = handedOut.GroupBy(x => ResultView.IsIpv6(x.ip) ? "IPv6" : "IPv4").OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Count()} {g.Key}").ToList();
        ctx.Note($"{n} parallel ADDs and DELs succeeded with distinct addresses ({(families.Count == 0 ? "none handed out" : string.Join(", ", families))}) and left nothing");
    }
}
