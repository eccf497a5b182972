using CniTest.Harness.Invocation;
using CniTest.BrokenPlugins.Tests.Support;

namespace CniTest.BrokenPlugins.Tests.Probes;

/// <summary>IPAM output (P24) and chaining (P21, P28): plugins that sit below or after another plugin.</summary>
public static class DelegationProbes
{
    private static string Ptp => Path.Combine(Privileges.ReferencePluginDir, "ptp");

    /// <summary>P24: a delegated IPAM result has no interfaces and no ips[].interface.</summary>
    public static async Task<Evidence> IpamHasInterfaces(Lab lab, string plugin)
    {
        var (_, a) = lab.NewAttachment();
        var add = await lab.CallAsync(plugin, CniCommand.Add, lab.IpamConf(plugin), a);
        var result = add.SingleObject();
        return Evidence.When(add.Succeeded && (result?["interfaces"] is not null || ResultProbes.Ips(add).Any(ip => ip!["interface"] is not null)),
            add.Describe());
    }

    /// <summary>P21: a chained ADD passes prevResult on (nothing dropped).</summary>
    public static async Task<Evidence> DropsPrevResult(Lab lab, string plugin)
    {
        var (_, a) = lab.NewAttachment();
        var prev = (await DelProbes.Added(lab, Ptp, lab.InterfaceConf(Ptp), a)).SingleObject()!;

        var add = await lab.CallAsync(plugin, CniCommand.Add, Lab.ChainedConf(plugin, prev), a);
        var result = add.SingleObject();
        var dropped = (result?["ips"]?.AsArray().Count ?? 0) < prev["ips"]!.AsArray().Count
                      || (result?["interfaces"]?.AsArray().Count ?? 0) < prev["interfaces"]!.AsArray().Count;
        return Evidence.When(add.Succeeded && dropped, $"prevResult {prev.ToJsonString()}; {add.Describe()}");
    }

    /// <summary>P28: a chained DEL without prevResult succeeds.</summary>
    public static async Task<Evidence> DelNeedsPrevResult(Lab lab, string plugin)
    {
        var (_, a) = lab.NewAttachment();
        var prev = (await DelProbes.Added(lab, Ptp, lab.InterfaceConf(Ptp), a)).SingleObject()!;
        await DelProbes.Added(lab, plugin, Lab.ChainedConf(plugin, prev), a);

        var del = await lab.CallAsync(plugin, CniCommand.Del, Lab.ChainedConf(plugin, prevResult: null), a);
        return Evidence.When(!del.Succeeded, del.Describe());
    }
}
