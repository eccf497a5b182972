using CniTest.Harness.Operations;
using CniTest.Harness.Invocation;
using CniTest.BrokenPlugins.Tests.Support;

namespace CniTest.BrokenPlugins.Tests.Probes;

/// <summary>P8: N parallel ADDs for different containers all succeed with distinct addresses.</summary>
public static class ConcurrencyProbes
{
    private const int Parallel = 8;

    /// <summary>Interface role: N sandboxes, one ADD each, all at once.</summary>
    public static Task<Evidence> InterfaceAdds(Lab lab, string plugin) =>
        ParallelAdds(lab, plugin, lab.InterfaceConf(plugin), _ => lab.NewAttachment().Attachment);

    /// <summary>IPAM role: N container ids in one sandbox, the plugin called directly as IPAM.</summary>
    public static Task<Evidence> IpamAdds(Lab lab, string plugin)
    {
        var (sandbox, _) = lab.NewAttachment();
        return ParallelAdds(lab, plugin, lab.IpamConf(plugin), i => new RuntimeConf($"bp-ipam{i}", sandbox.Path, "eth0"));
    }

    private static async Task<Evidence> ParallelAdds(Lab lab, string plugin, string conf, Func<int, RuntimeConf> attachment)
    {
        var attachments = Enumerable.Range(0, Parallel).Select(attachment).ToList();
        var adds = await Task.WhenAll(attachments.Select(a => lab.CallAsync(plugin, CniCommand.Add, conf, a)));

        var failed = adds.Where(r => !r.Succeeded).ToList();
        var addresses = adds.Where(r => r.Succeeded)
            .SelectMany(r => ResultProbes.Ips(r).Select(ip => ip!["address"]!.GetValue<string>())).ToList();
        var duplicates = addresses.GroupBy(x => x).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        return Evidence.When(failed.Count > 0 || duplicates.Count > 0,
            $"{failed.Count} of {Parallel} failed ({failed.FirstOrDefault()?.Describe()}); duplicates [{string.Join(", ", duplicates)}]");
    }
}
