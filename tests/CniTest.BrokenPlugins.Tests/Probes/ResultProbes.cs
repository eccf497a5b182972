using CniTest.Harness.Operations;
using System.Text.Json.Nodes;
using CniTest.Harness.Invocation;
using CniTest.BrokenPlugins.Tests.Support;
using CniTest.Scenarios.Sandbox;

namespace CniTest.BrokenPlugins.Tests.Probes;

/// <summary>The ADD result: shape, version, and whether it matches what is really in the sandbox (P14-P20).</summary>
public static class ResultProbes
{
    /// <summary>P15: the result cniVersion equals the request's.</summary>
    public static async Task<Evidence> VersionMismatch(Lab lab, string plugin)
    {
        var (add, _) = await Add(lab, plugin);
        return Evidence.When(add.SingleObject()?["cniVersion"]?.GetValue<string>() != "1.0.0", add.Describe());
    }

    /// <summary>Stdout contract: a successful ADD prints exactly one JSON document.</summary>
    public static async Task<Evidence> TwoDocuments(Lab lab, string plugin)
    {
        var (add, _) = await Add(lab, plugin);
        return Evidence.When(add.Succeeded && !string.IsNullOrWhiteSpace(add.StdoutText) && add.SingleObject() is null, add.Describe());
    }

    /// <summary>P14: a successful ADD prints a result.</summary>
    public static async Task<Evidence> EmptyStdout(Lab lab, string plugin)
    {
        var (add, _) = await Add(lab, plugin);
        return Evidence.When(add.Succeeded && string.IsNullOrWhiteSpace(add.StdoutText), add.Describe());
    }

    /// <summary>Result vs reality: every address the result claims is configured in the sandbox.</summary>
    public static async Task<Evidence> MissingAddress(Lab lab, string plugin)
    {
        var (add, a) = await Add(lab, plugin);
        var claimed = Ips(add).Select(ip => ip!["address"]!.GetValue<string>()).ToList();
        var present = (await NetnsView.ReadAsync(a.Netns!)).GlobalAddresses.Select(l => l.Split(' ')[1]).ToList();
        var missing = claimed.Except(present).ToList();
        return Evidence.When(add.Succeeded && claimed.Count > 0 && missing.Count > 0,
            $"claimed [{string.Join(", ", claimed)}], in the sandbox [{string.Join(", ", present)}]");
    }

    /// <summary>P16: a 0.4.0 result has ips[].version.</summary>
    public static async Task<Evidence> IpsMissingVersion(Lab lab, string plugin)
    {
        var (add, _) = await Add(lab, plugin, "0.4.0");
        return Evidence.When(add.Succeeded && Ips(add).Any(ip => ip!["version"] is null), add.Describe());
    }

    /// <summary>P17: every ips[].interface indexes into interfaces.</summary>
    public static async Task<Evidence> BadInterfaceIndex(Lab lab, string plugin)
    {
        var (add, _) = await Add(lab, plugin);
        var count = add.SingleObject()?["interfaces"]?.AsArray().Count ?? 0;
        var bad = Ips(add).Select(ip => ip!["interface"]?.GetValue<int>()).Where(i => i is { } n && (n < 0 || n >= count)).ToList();
        return Evidence.When(add.Succeeded && bad.Count > 0, add.Describe());
    }

    /// <summary>P18: the container interface's sandbox is CNI_NETNS.</summary>
    public static async Task<Evidence> WrongSandbox(Lab lab, string plugin)
    {
        var (add, a) = await Add(lab, plugin);
        var inner = add.SingleObject()?["interfaces"]?.AsArray().FirstOrDefault(i => i!["name"]?.GetValue<string>() == a.IfName);
        return Evidence.When(add.Succeeded && inner?["sandbox"]?.GetValue<string>() != a.Netns, add.Describe());
    }

    /// <summary>P20: ADD with CNI_IFNAME=net1 creates net1 in the sandbox.</summary>
    public static async Task<Evidence> IgnoresIfName(Lab lab, string plugin)
    {
        var (add, a) = await Add(lab, plugin, ifName: "net1");
        var links = (await NetnsView.ReadAsync(a.Netns!)).LinkNames;
        return Evidence.When(add.Succeeded && !links.Contains("net1"), $"sandbox links [{string.Join(", ", links)}]");
    }

    /// <summary>P19: ADD with an ifname that already exists in the sandbox fails.</summary>
    public static async Task<Evidence> SecondAddSucceeds(Lab lab, string plugin)
    {
        var (sandbox, a) = lab.NewAttachment();
        // The kernel here has no dummy links (FACTS.md): a veth pair inside the sandbox stands in for "eth0 exists".
        await sandbox.IpBatchAsync($"link add {a.IfName} type veth peer name bp-peer0\n");
        var add = await lab.CallAsync(plugin, CniCommand.Add, lab.InterfaceConf(plugin), a);
        return Evidence.When(add.ExitCode == 0, add.Describe());
    }

    internal static JsonArray Ips(InvocationRecord add) => add.SingleObject()?["ips"]?.AsArray() ?? [];

    private static async Task<(InvocationRecord Add, RuntimeConf RuntimeConf)> Add(Lab lab, string plugin, string version = "1.0.0", string ifName = "eth0")
    {
        var (_, a) = lab.NewAttachment(ifName);
        return (await lab.CallAsync(plugin, CniCommand.Add, lab.InterfaceConf(plugin, version), a), a);
    }
}
