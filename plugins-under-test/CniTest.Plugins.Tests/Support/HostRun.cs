using System.Text;
using System.Text.Json.Nodes;
using CniTest.PluginSdk.Hosting;

namespace CniTest.Plugins.Tests.Support;

/// <summary>The outcome of one in-memory <see cref="PluginHost.Run"/>.</summary>
public sealed record HostOutcome(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>stdout parsed as a JSON object (throws if it is not one).</summary>
    public JsonObject Json => (JsonObject)JsonNode.Parse(Stdout)!;
}

/// <summary>Runs <see cref="PluginHost"/> with an injected environment and streams (no process-global state).</summary>
public static class HostRun
{
    public static HostOutcome Run(ICniPlugin plugin, IReadOnlyDictionary<string, string> env, string stdin, PluginInfo? info = null)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(stdin));
        using var output = new MemoryStream();
        var error = new StringWriter();
        var code = PluginHost.Run(plugin, info ?? new PluginInfo("test plugin"), name => env.GetValueOrDefault(name), input, output, error);
        return new HostOutcome(code, Encoding.UTF8.GetString(output.ToArray()), error.ToString());
    }

    /// <summary>The variables a runtime sets for <paramref name="command"/> (all six, as libcni does).</summary>
    public static Dictionary<string, string> Env(string command, string containerId = "c1", string ifName = "eth0") => new()
    {
        ["CNI_COMMAND"] = command,
        ["CNI_CONTAINERID"] = containerId,
        ["CNI_NETNS"] = "/var/run/netns/test",
        ["CNI_IFNAME"] = ifName,
        ["CNI_ARGS"] = "",
        ["CNI_PATH"] = "/opt/cni/bin",
    };
}
