using CniTest.Harness.Operations;
using CniTest.Harness.Invocation;
using CniTest.BrokenPlugins.Tests.Support;

namespace CniTest.BrokenPlugins.Tests.Probes;

/// <summary>The DEL family (P26-P29): what a runtime relies on when tearing down.</summary>
public static class DelProbes
{
    /// <summary>P27: ADD, delete the sandbox, then DEL with the stale path and with an empty CNI_NETNS.</summary>
    public static async Task<Evidence> NetnsGone(Lab lab, string plugin)
    {
        var conf = lab.InterfaceConf(plugin);
        var (sandbox, a) = lab.NewAttachment();
        await Added(lab, plugin, conf, a);
        sandbox.Dispose();

        var stale = await lab.CallAsync(plugin, CniCommand.Del, conf, a);
        var empty = await lab.CallAsync(plugin, CniCommand.Del, conf, a with { Netns = "" });
        return Evidence.When(!stale.Succeeded || !empty.Succeeded,
            $"stale netns: {stale.Describe()}; empty netns: {empty.Describe()}");
    }

    /// <summary>P26: ADD, DEL, DEL; the second DEL must succeed too.</summary>
    public static async Task<Evidence> Twice(Lab lab, string plugin)
    {
        var conf = lab.InterfaceConf(plugin);
        var (_, a) = lab.NewAttachment();
        await Added(lab, plugin, conf, a);

        var first = await lab.CallAsync(plugin, CniCommand.Del, conf, a);
        var second = await lab.CallAsync(plugin, CniCommand.Del, conf, a);
        return Evidence.When(first.Succeeded && !second.Succeeded, $"first: {first.Describe()}; second: {second.Describe()}");
    }

    /// <summary>P29: after ADD and DEL the host-local reservation file is gone.</summary>
    public static async Task<Evidence> LeaksIpam(Lab lab, string plugin)
    {
        var conf = lab.InterfaceConf(plugin);
        var (_, a) = lab.NewAttachment();
        await Added(lab, plugin, conf, a);

        var del = await lab.CallAsync(plugin, CniCommand.Del, conf, a);
        var left = lab.Reservations();
        return Evidence.When(del.Succeeded && left.Count > 0, $"reservations after DEL: [{string.Join(", ", left)}]; {del.Describe()}");
    }

    /// <summary>Leak diff of the fake host: after ADD and DEL its links are what they were before ADD.</summary>
    public static async Task<Evidence> LeaksLinks(Lab lab, string plugin)
    {
        var conf = lab.InterfaceConf(plugin);
        var (_, a) = lab.NewAttachment();
        var before = await lab.HostLinksAsync();
        await Added(lab, plugin, conf, a);

        var del = await lab.CallAsync(plugin, CniCommand.Del, conf, a);
        var extra = (await lab.HostLinksAsync()).Except(before).ToList();
        return Evidence.When(del.Succeeded && extra.Count > 0, $"host links left after DEL: [{string.Join(", ", extra)}]");
    }

    /// <summary>A DEL that does not return within the timeout is killed and counts as failed.</summary>
    public static async Task<Evidence> Hangs(Lab lab, string plugin)
    {
        var conf = lab.InterfaceConf(plugin);
        var (_, a) = lab.NewAttachment();
        await Added(lab, plugin, conf, a);

        var del = await lab.CallAsync(plugin, CniCommand.Del, conf, a, timeout: TimeSpan.FromSeconds(1));
        return Evidence.When(del.TimedOut, del.Describe());
    }

    /// <summary>ADD that must work for the DEL probes to mean anything (the probe, not the plugin, fails otherwise).</summary>
    internal static async Task<InvocationRecord> Added(Lab lab, string plugin, string conf, RuntimeConf a)
    {
        var add = await lab.CallAsync(plugin, CniCommand.Add, conf, a);
        if (!add.Succeeded)
        {
            throw new InvalidOperationException($"probe precondition: ADD failed: {add.Describe()}");
        }

        return add;
    }
}
