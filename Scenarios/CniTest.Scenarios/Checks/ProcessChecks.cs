using CniTest.Harness.Contract;
using CniTest.Harness.Invocation;
using CniTest.Harness.Sandbox;
using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Runtimes;

namespace CniTest.Scenarios.Checks;

/// <summary>
/// What a plugin leaves running (issue 12). Every process a plugin starts is born in its fake host's cgroup
/// (<see cref="FakeHost.Processes"/>), whatever it does then, so at the end of every check the survivors are judged
/// here and then killed with the host: a holder of the plugin's stdout/stderr (P73), anything still running after the
/// last DEL (P74), a process keeping a container's network namespace alive after DEL (P75). A daemon started by ADD
/// (dnsname's dnsmasq, dhcp's daemon) is allowed while an attachment exists and is named in the check's message.
/// </summary>
internal static class ProcessChecks
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(1);

    public static IEnumerable<CheckDefinition> All() =>
    [
        new()
        {
            Id = "del.leaves-no-process",
            Title = "ADD then DEL leaves no process running, none holding the plugin's output, none pinning a namespace",
            Rule = "P74",
            AlsoReports = ["P73", "P75"],
            Level = RuleLevel.Must,
            Body = LeavesNoProcessAsync,
        },
    ];

    private static async Task LeavesNoProcessAsync(CheckContext ctx)
    {
        if (ctx.Host.Processes is null)
        {
            ctx.Skip("cgroup v1's freezer hierarchy is not available: processes cannot be tracked");
        }

        var a = ctx.NewAttachment();
        ctx.Require(await ctx.AddAsync(a), "ADD", "P74", RuleLevel.Must);
        ctx.Require(await ctx.DelAsync(a), "DEL", "P74", RuleLevel.Must);
        a.Sandbox.Delete(); // the runtime removes the container's namespace after DEL
        await JudgeAsync(ctx);
        ctx.Note("no process left after DEL");
    }

    /// <summary>
    /// Judges what the plugins of the check's hosts left running, once per check (a plugin that leaves a holder on
    /// every ADD gets one finding, not one per call). The processes are killed afterwards by the host's disposal.
    /// </summary>
    internal static async Task JudgeAsync(CheckContext ctx)
    {
        if (ctx.ProcessesJudged || ctx.Host.Processes is not { } cgroup)
        {
            return;
        }

        ctx.ProcessesJudged = true;
        var calls = ctx.Invocations;
        JudgePipeHolders(ctx, calls);

        var live = LiveAttachments(calls);
        var survivors = cgroup.Processes();
        if (live.Count == 0)
        {
            // A plugin may stop its daemon with a signal and exit at once (dnsname SIGKILLs dnsmasq and does not wait):
            // the dying process stays listed until the kernel has run its exit. A runtime would not look sooner than
            // this grace either.
            var until = Environment.TickCount64 + (long)StopGrace.TotalMilliseconds;
            while (survivors.Count > 0 && Environment.TickCount64 < until)
            {
                await Task.Delay(20, CancellationToken.None);
                survivors = cgroup.Processes();
            }
        }

        if (survivors.Count == 0)
        {
            return;
        }

        var list = string.Join("; ", survivors);
        var pinned = PinnedSandboxes(ctx, calls, live, survivors);
        foreach (var (process, sandbox, containerId) in pinned)
        {
            ctx.Report("P75", RuleLevel.Must,
                $"{process} keeps the network namespace of container {containerId} ({sandbox}) alive after its DEL and the " +
                "namespace's removal: the kernel frees a namespace only when its last process exits, so each container " +
                "would leave its namespace (and whatever is in it) on the node");
        }

        if (live.Count == 0 && calls.Any(c => c.Command == "DEL"))
        {
            ctx.Report("P74", RuleLevel.Must,
                $"after the last DEL, still running (started by the plugin, killed by cnitest now): {list}; DEL must leave nothing behind");
        }
        else if (live.Count > 0)
        {
            ctx.Note($"long-lived helper(s) running while {live.Count} attachment(s) existed (allowed; killed at the end of the check): {list}");
        }
    }

    private static void JudgePipeHolders(CheckContext ctx, IReadOnlyList<InvocationRecord> calls)
    {
        var holding = calls.Where(c => c.PipeHolders.Count > 0).ToList();
        if (holding.Count == 0)
        {
            return;
        }

        var holders = holding.SelectMany(c => c.PipeHolders).DistinctBy(p => (p.Pid, p.StartTicks)).ToList();
        var commands = string.Join(", ", holding.Select(c => c.Command).Distinct());
        ctx.Report("P73", RuleLevel.Must,
            $"{holding.Count} of {calls.Count} calls ({commands}) left a process holding the plugin's stdout or stderr open after it exited: " +
            $"{string.Join("; ", holders.Take(5))}{(holders.Count > 5 ? $"; and {holders.Count - 5} more" : "")}. A runtime reads the " +
            "plugin's output until every holder closes the pipe (libcni's exec waits for it), so each such call hangs until that process exits",
            holding[0]);
    }

    /// <summary>Attachments (container id, interface) whose last call of the plugin under test was a successful ADD.</summary>
    private static HashSet<(string, string)> LiveAttachments(IReadOnlyList<InvocationRecord> calls)
    {
        var live = new HashSet<(string, string)>();
        foreach (var c in calls)
        {
            var key = AttachmentOf(c);
            if (c.Command == "ADD" && c.Succeeded)
            {
                live.Add(key);
            }
            else if (c.Command == "DEL")
            {
                live.Remove(key);
            }
        }

        return live;
    }

    /// <summary>Survivors inside (or holding) the namespace of a container that was DELeted or removed.</summary>
    private static List<(TrackedProcess Process, string Sandbox, string ContainerId)> PinnedSandboxes(CheckContext ctx,
        IReadOnlyList<InvocationRecord> calls, HashSet<(string, string)> live, IReadOnlyList<TrackedProcess> survivors)
    {
        var liveNetns = calls.Where(c => live.Contains(AttachmentOf(c)))
            .Select(c => c.Environment.GetValueOrDefault("CNI_NETNS", "")).ToHashSet();
        var containerOf = calls.Where(c => c.Environment.ContainsKey("CNI_NETNS"))
            .GroupBy(c => c.Environment["CNI_NETNS"]).ToDictionary(g => g.Key, g => g.First().Environment.GetValueOrDefault("CNI_CONTAINERID", "?"));
        var pinned = new List<(TrackedProcess, string, string)>();
        foreach (var sandbox in ctx.Host.Sandboxes.Where(s => s.KernelName is not null))
        {
            // A persona passes the sandbox under its own path (/var/run/netns/cni-UUID, --runtime and runtime.personas),
            // not the pin's: the calls name the sandbox by any of these.
            var names = RuntimePersonas.All.Select(p => PersonaNetns.For(p, sandbox.Path, ctx.Host.PluginNetnsDirectory)).ToHashSet();
            if (names.Overlaps(liveNetns))
            {
                continue;
            }

            var container = names.Select(n => containerOf.GetValueOrDefault(n)).FirstOrDefault(c => c is not null) ?? "?";
            foreach (var p in survivors.Where(p => p.Pins(sandbox.KernelName!)))
            {
                pinned.Add((p, sandbox.Path, container));
            }
        }

        return pinned;
    }

    /// <summary>The attachment a call is about: container id and interface, as the spec identifies it.</summary>
    private static (string, string) AttachmentOf(InvocationRecord c) =>
        (c.Environment.GetValueOrDefault("CNI_CONTAINERID", ""), c.Environment.GetValueOrDefault("CNI_IFNAME", ""));
}
