using System.Text;
using CniTest.Harness.Invocation;

namespace CniTest.Schemas.Tests.Support;

/// <summary>Builds <see cref="InvocationRecord"/>s directly, as the runtime would have recorded them.</summary>
internal static class Records
{
    public const string Netns = "/run/netns/cnitest-c1";

    public static InvocationRecord Call(string command, string stdout, int exitCode = 0, string stdin = "{}",
        string plugin = "bridge", string netns = Netns, string ifName = "eth0", string stderr = "") => new()
    {
        PluginPath = "/opt/cni/bin/" + plugin,
        Command = command,
        Environment = new Dictionary<string, string>
        {
            ["CNI_COMMAND"] = command,
            ["CNI_CONTAINERID"] = "c1",
            ["CNI_NETNS"] = netns,
            ["CNI_IFNAME"] = ifName,
            ["CNI_ARGS"] = "",
            ["CNI_PATH"] = "/opt/cni/bin",
        },
        Stdin = Encoding.UTF8.GetBytes(stdin),
        Stdout = Encoding.UTF8.GetBytes(stdout),
        Stderr = Encoding.UTF8.GetBytes(stderr),
        ExitCode = exitCode,
        Duration = TimeSpan.FromMilliseconds(3),
    };

    public static InvocationRecord Add(string stdout, int exitCode = 0, string stdin = "{}", string plugin = "bridge") =>
        Call(CniCommand.Add, stdout, exitCode, stdin, plugin);

    /// <summary>A typical 1.1.0 bridge result (three interfaces, the container one in <see cref="Netns"/>).</summary>
    public static string BridgeResult(string version = "1.1.0") => version switch
    {
        "0.1.0" or "0.2.0" => $$$"""{"cniVersion":"{{{version}}}","ip4":{"ip":"10.1.0.5/16","gateway":"10.1.0.1","routes":[{"dst":"0.0.0.0/0"}]},"dns":{}}""",
        "0.3.0" or "0.3.1" or "0.4.0" => $$$"""
            {"cniVersion":"{{{version}}}","interfaces":[{"name":"cni0","mac":"00:11:22:33:44:55"},{"name":"veth3243","mac":"55:44:33:22:11:11"},
            {"name":"eth0","mac":"99:88:77:66:55:44","sandbox":"{{{Netns}}}"}],
            "ips":[{"version":"4","address":"10.1.0.5/16","gateway":"10.1.0.1","interface":2}],"routes":[{"dst":"0.0.0.0/0"}],"dns":{}}
            """,
        _ => $$$"""
            {"cniVersion":"{{{version}}}","interfaces":[{"name":"cni0","mac":"00:11:22:33:44:55"},{"name":"veth3243","mac":"55:44:33:22:11:11"},
            {"name":"eth0","mac":"99:88:77:66:55:44","sandbox":"{{{Netns}}}"}],
            "ips":[{"address":"10.1.0.5/16","gateway":"10.1.0.1","interface":2}],"routes":[{"dst":"0.0.0.0/0"}],"dns":{"nameservers":["10.1.0.1"]}}
            """,
    };
}
