using CniTest.Harness.Invocation;
using CniTest.BrokenPlugins.Tests.Support;

namespace CniTest.BrokenPlugins.Tests.Probes;

/// <summary>CHECK (P32, P33): passes right after ADD, fails after drift.</summary>
public static class CheckProbes
{
    /// <summary>P33: CHECK after the container interface was deleted fails.</summary>
    public static async Task<Evidence> AlwaysSucceeds(Lab lab, string plugin)
    {
        var (sandbox, a) = lab.NewAttachment();
        var conf = lab.InterfaceConf(plugin);
        var add = await DelProbes.Added(lab, plugin, conf, a);
        await sandbox.IpBatchAsync($"link del {a.IfName}\n");

        var check = await lab.CallAsync(plugin, CniCommand.Check, Lab.WithPrevResult(conf, add.SingleObject()!), a);
        return Evidence.When(check.ExitCode == 0, check.Describe());
    }

    /// <summary>P32: CHECK right after ADD, with the ADD result as prevResult, succeeds.</summary>
    public static async Task<Evidence> FalsePositive(Lab lab, string plugin)
    {
        var (_, a) = lab.NewAttachment();
        var conf = lab.InterfaceConf(plugin);
        var add = await DelProbes.Added(lab, plugin, conf, a);

        var check = await lab.CallAsync(plugin, CniCommand.Check, Lab.WithPrevResult(conf, add.SingleObject()!), a);
        return Evidence.When(check.ExitCode != 0, check.Describe());
    }
}
