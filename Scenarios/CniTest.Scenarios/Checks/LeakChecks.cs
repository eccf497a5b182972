using CniTest.Harness.Contract;
using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Sandbox;

namespace CniTest.Scenarios.Checks;

/// <summary>
/// DEL leaves nothing behind (P26; leaks are the most common real bug class, PEERS (b) 2, 9, 12, 13, 15–17, 22).
/// </summary>
/// <remarks>
/// Shared scaffolding a plugin keeps by design (a bridge, the firewall plugin's top-level chains, an empty nat
/// table) is not a leak; per-attachment state is. So the fake host is compared after a first ADD+DEL cycle and
/// after a second one with another container: what the first cycle left is scaffolding, what the second adds
/// on top of it is a leak. The sandbox is compared before ADD and after DEL directly.
/// </remarks>
internal static class LeakChecks
{
    public static IEnumerable<CheckDefinition> All() =>
    [
        new()
        {
            Id = "del.leaves-nothing",
            Title = "ADD then DEL leaves no link, address, route, iptables/nft rule or state file behind",
            Rule = "P26",
            Level = RuleLevel.Must,
            Body = LeavesNothingAsync,
        },
    ];

    private static async Task LeavesNothingAsync(CheckContext ctx)
    {
        var roots = ctx.Host.StateFileRoots;
        var initial = await StateSnapshot.TakeAsync(ctx.Host.NetnsPath, roots, ct: ctx.Ct);
        await CycleAsync(ctx, "first");
        var afterFirst = await StateSnapshot.TakeAsync(ctx.Host.NetnsPath, roots, ct: ctx.Ct);
        await CycleAsync(ctx, "second");
        var afterSecond = await StateSnapshot.TakeAsync(ctx.Host.NetnsPath, roots, ct: ctx.Ct);

        var leaked = afterFirst.AddedIn(afterSecond);
        var removed = initial.RemovedIn(afterSecond);
        if (leaked.Count > 0 || removed.Count > 0)
        {
            var parts = new List<string>();
            if (leaked.Count > 0)
            {
                parts.Add($"the fake host gained with each attachment: {string.Join("; ", leaked)}");
            }

            if (removed.Count > 0)
            {
                parts.Add($"the fake host lost what existed before: {string.Join("; ", removed)}");
            }

            ctx.Fail("P26", RuleLevel.Must, "after ADD and DEL, " + string.Join("; and ", parts));
        }

        var scaffolding = initial.AddedIn(afterFirst);
        ctx.Note(scaffolding.Count == 0
            ? "nothing left in the fake host or the sandbox"
            : $"nothing left per attachment; kept across attachments by design: {string.Join("; ", scaffolding)}");
    }

    private static async Task CycleAsync(CheckContext ctx, string which)
    {
        var a = ctx.NewAttachment();
        var before = await StateSnapshot.TakeAsync(a.Sandbox.Path, [], ct: ctx.Ct);
        ctx.Require(await ctx.AddAsync(a), $"ADD of the {which} attachment", "P26", RuleLevel.Must);
        ctx.Require(await ctx.DelAsync(a), $"DEL of the {which} attachment", "P26", RuleLevel.Must);
        var after = await StateSnapshot.TakeAsync(a.Sandbox.Path, [], ct: ctx.Ct);
        var leaked = before.AddedIn(after);
        if (leaked.Count > 0)
        {
            ctx.Fail("P26", RuleLevel.Must, $"after ADD and DEL the sandbox still has: {string.Join("; ", leaked)}");
        }
    }
}
