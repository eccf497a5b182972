using CniTest.Harness.Contract;
using CniTest.Harness.Operations;
using CniTest.Harness.Versioning;
using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Sandbox;

namespace CniTest.Scenarios.Checks;

/// <summary>
/// GC and STATUS (checklist §2.6, §2.7), which exist from 1.1.0 on: skipped with the reason for a plugin that
/// does not advertise 1.1.0. GC runs with both spellings of the attachment list (cni#1101) and each one alone
/// (P42), and must keep exactly the listed attachments (plugins#1047 lists how GC can destroy live state).
/// </summary>
internal static class GcStatusChecks
{
    private const string GcVersion = SpecVersions.Latest;

    public static IEnumerable<CheckDefinition> All() =>
    [
        new()
        {
            Id = "gc.removes-stale",
            Title = "GC removes the state of attachments missing from cni.dev/valid-attachments and keeps the listed ones",
            Rule = "P37",
            Level = RuleLevel.Should,
            Scope = VersionScope.Once,
            FixedVersion = GcVersion,
            SkipWhen = (plan, v) => No110(plan, v) ?? NotSent(plan, Runtimes.PersonaVerb.Gc),
            Body = RemovesStaleAsync,
        },
        new()
        {
            Id = "gc.attachment-keys",
            AlsoReports = ["P37"],
            Title = "GC accepts the attachment list under either key alone (cni.dev/valid-attachments, cni.dev/attachments)",
            Rule = "P42",
            Level = RuleLevel.Should,
            Scope = VersionScope.Once,
            FixedVersion = GcVersion,
            SkipWhen = (plan, v) => No110(plan, v) ?? NotSent(plan, Runtimes.PersonaVerb.Gc),
            Body = KeysAsync,
        },
        new()
        {
            Id = "status.answers",
            Title = "STATUS on a healthy setup exits 0",
            Rule = "P44",
            Level = RuleLevel.Must,
            Scope = VersionScope.Once,
            FixedVersion = GcVersion,
            SkipWhen = (plan, v) => No110(plan, v) ?? NotSent(plan, Runtimes.PersonaVerb.Status),
            Body = StatusAsync,
        },
    ];

    /// <summary>Why a check of <paramref name="verb"/> does not run as the run's runtime persona; null when it sends it.</summary>
    private static string? NotSent(RunPlan plan, Runtimes.PersonaVerb verb) =>
        plan.Options.Runtime.Sends(verb) ? null
            : $"--runtime {plan.Options.Runtime.Name}: {plan.Options.Runtime.Caller} never sends {verb.ToString().ToUpperInvariant()}";

    private static string? No110(RunPlan plan, string version)
    {
        if (!plan.Advertises110)
        {
            return "the plugin does not advertise 1.1.0, where GC and STATUS were introduced";
        }

        return plan.Matrix.FirstOrDefault(m => m.Version == GcVersion).SkipReason;
    }

    private static async Task RemovesStaleAsync(CheckContext ctx)
    {
        var roots = ctx.Host.StateFileRoots;
        var keep = ctx.NewAttachment();
        var stale = ctx.NewAttachment();
        var s0 = StateSnapshot.Files(roots);
        ctx.Require(await ctx.AddAsync(keep), "ADD of the attachment to keep", "P37", RuleLevel.Should);
        var s1 = StateSnapshot.Files(roots);
        ctx.Require(await ctx.AddAsync(stale), "ADD of the stale attachment", "P37", RuleLevel.Should);
        var s2 = StateSnapshot.Files(roots);
        // With its cached result the runtime would DEL the stale attachment itself before GC (R34); GC exists for
        // the attachments a runtime lost track of, so only the plugin's GC can remove this one.
        ctx.Forget(stale);
        ctx.Require(await ctx.GcAsync([keep]), "GC listing only the first attachment", "P37", RuleLevel.Should);
        var after = StateSnapshot.Files(roots);

        var keptState = s0.AddedIn(s1);
        var staleState = s1.AddedIn(s2);
        var destroyed = keptState.Except(after.Items).ToList();
        if (destroyed.Count > 0)
        {
            // Removing a live attachment's state breaks a running container (plugins#1047 / PR #1289): worse than
            // not collecting, so this is a failure at MUST strength.
            ctx.Fail("P37", RuleLevel.Must, $"GC removed state of an attachment it was told to keep: {string.Join(", ", destroyed)}");
        }

        var survived = staleState.Intersect(after.Items).ToList();
        if (survived.Count > 0)
        {
            ctx.Fail("P37", RuleLevel.Should, $"GC kept state of an attachment not in cni.dev/valid-attachments: {string.Join(", ", survived)}");
        }

        ctx.Note(staleState.Count == 0 ? "GC succeeded; the plugin keeps no state files to compare" : $"GC removed {string.Join(", ", staleState)} and kept the listed attachment");
    }

    private static async Task KeysAsync(CheckContext ctx)
    {
        var keep = ctx.NewAttachment();
        ctx.Require(await ctx.AddAsync(keep), "ADD", "P42", RuleLevel.Should);
        var before = StateSnapshot.Files(ctx.Host.StateFileRoots);
        foreach (var (keys, name) in new[] { (GcListKeys.ValidAttachmentsOnly, "cni.dev/valid-attachments"), (GcListKeys.AttachmentsOnly, "cni.dev/attachments") })
        {
            ctx.Require(await ctx.GcAsync([keep], keys), $"GC with only {name}", "P42", RuleLevel.Should);
            var lost = before.RemovedIn(StateSnapshot.Files(ctx.Host.StateFileRoots));
            if (lost.Count > 0)
            {
                ctx.Fail("P37", RuleLevel.Must, $"GC with only {name} removed state of the listed attachment: {string.Join(", ", lost)}");
            }
        }

        ctx.Note("GC accepted each key alone and kept the listed attachment");
    }

    private static async Task StatusAsync(CheckContext ctx)
    {
        var record = await ctx.StatusAsync();
        if (!record.Succeeded)
        {
            ctx.Fail("P44", RuleLevel.Must, $"STATUS with a working setup: expected exit 0, got {ctx.Describe(record)}", record);
        }

        ctx.Note("STATUS exited 0");
    }
}
