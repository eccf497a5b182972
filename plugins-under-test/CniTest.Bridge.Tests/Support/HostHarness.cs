using System.Text;
using System.Text.Json.Nodes;
using CniTest.Bridge.Skel;
using CniTest.PluginSdk.Results;

namespace CniTest.Bridge.Tests.Support;

/// <summary>Runs <see cref="PluginHost"/> in memory with a recording plugin: no process, no kernel.</summary>
internal sealed class HostHarness
{
    public static (int ExitCode, JsonNode? Stdout, string Stderr, RecordingPlugin Plugin) Run(Dictionary<string, string> env, string stdin)
    {
        var plugin = new RecordingPlugin();
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(stdin));
        using var output = new MemoryStream();
        using var error = new StringWriter();
        var exit = new PluginHost(plugin, new PluginEnvironment(env), input, output, error).Run();
        var text = Encoding.UTF8.GetString(output.ToArray());
        return (exit, text.Length == 0 ? null : JsonNode.Parse(text), error.ToString(), plugin);
    }

    /// <summary>The variables of a valid ADD.</summary>
    public static Dictionary<string, string> Env(string command, string netns = "/var/run/netns/none") => new()
    {
        ["CNI_COMMAND"] = command,
        ["CNI_CONTAINERID"] = "c1",
        ["CNI_NETNS"] = netns,
        ["CNI_IFNAME"] = "eth0",
        ["CNI_PATH"] = "/opt/cni/bin",
    };
}

/// <summary>A plugin that records which verb ran and answers ADD with a fixed one-address result.</summary>
internal sealed class RecordingPlugin : IPlugin
{
    public List<string> Calls { get; } = [];

    public string About => "recording plugin";

    public CniResult Add(CmdArgs args)
    {
        Calls.Add("ADD");
        if (args.Config["throw"] is not null)
        {
            throw new InvalidOperationException("boom");
        }

        return new CniResult
        {
            Interfaces = [new CniInterface("eth0") { Sandbox = args.Netns }],
            Ips = [new CniIpConfig(IpCidr.Parse("10.1.0.5/24")) { Gateway = System.Net.IPAddress.Parse("10.1.0.1"), Interface = 0 }],
        };
    }

    public void Del(CmdArgs args) => Calls.Add("DEL");

    public void Check(CmdArgs args) => Calls.Add("CHECK");

    public void Gc(CmdArgs args) => Calls.Add("GC");

    public void Status(CmdArgs args) => Calls.Add("STATUS");
}
