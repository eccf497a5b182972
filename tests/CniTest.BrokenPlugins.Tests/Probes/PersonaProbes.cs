using System.Text.Json.Nodes;
using CniTest.BrokenPlugins.Tests.Support;
using CniTest.Harness.Invocation;
using CniTest.Scenarios.Runtimes;

namespace CniTest.BrokenPlugins.Tests.Probes;

/// <summary>P76-P78: the plugin called as containerd, CRI-O or podman call it (Scenarios/Runtimes).</summary>
public static class PersonaProbes
{
    private static string Ptp => Path.Combine(Privileges.ReferencePluginDir, "ptp");

    /// <summary>P76: ADD and DEL with CRI-O's CNI_ARGS (IgnoreUnknown=1 and the pod identity) succeed.</summary>
    public static async Task<Evidence> KubernetesArgs(Lab lab, string plugin)
    {
        var conf = lab.InterfaceConf(plugin);
        var (_, a) = lab.NewAttachment();
        a = a with { Args = RuntimePersonas.Crio.Args(RuntimePersonas.Crio.Pod("probe", 1)) };
        var add = await lab.CallAsync(plugin, CniCommand.Add, conf, a);
        var del = await lab.CallAsync(plugin, CniCommand.Del, conf, a);
        return Evidence.When(!add.Succeeded || !del.Succeeded, $"CNI_ARGS {string.Join(";", a.Args.Select(p => $"{p.Key}={p.Value}"))}: ADD {add.Describe()}; DEL {del.Describe()}");
    }

    /// <summary>P77: ADD into a namespace pinned under containerd's name shape (cni-UUID) succeeds.</summary>
    public static async Task<Evidence> RuntimeNetnsName(Lab lab, string plugin)
    {
        var conf = lab.InterfaceConf(plugin);
        var name = RuntimePersonas.Containerd.NetnsName("probe", 1)!;
        var (_, a) = lab.NewAttachment(sandboxName: name);
        var add = await lab.CallAsync(plugin, CniCommand.Add, conf, a);
        await lab.CallAsync(plugin, CniCommand.Del, conf, a);
        return Evidence.When(!add.Succeeded, $"CNI_NETNS {a.Netns}: {add.Describe()}");
    }

    /// <summary>P78: a chained ADD with containerd's bandwidth values (bursts of math.MaxUint32) in runtimeConfig succeeds.</summary>
    public static async Task<Evidence> ContainerdBandwidth(Lab lab, string plugin)
    {
        var (_, a) = lab.NewAttachment();
        var prev = (await DelProbes.Added(lab, Ptp, lab.InterfaceConf(Ptp), a)).SingleObject()!;
        var caps = RuntimePersonas.Containerd.CapabilityArgs(0, Lab.Network, RuntimePersonas.Containerd.Pod("probe", 1));
        var conf = JsonNode.Parse(Lab.ChainedConf(plugin, prev))!.AsObject();
        conf["runtimeConfig"] = new JsonObject { ["bandwidth"] = caps["bandwidth"]!.DeepClone() };
        var add = await lab.CallAsync(plugin, CniCommand.Add, conf.ToJsonString(), a);
        return Evidence.When(!add.Succeeded, $"runtimeConfig {conf["runtimeConfig"]!.ToJsonString()}: {add.Describe()}");
    }
}
