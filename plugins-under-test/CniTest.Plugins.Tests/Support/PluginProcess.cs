using System.Diagnostics;
using System.Text.Json.Nodes;

namespace CniTest.Plugins.Tests.Support;

/// <summary>The outcome of executing a plugin binary.</summary>
public sealed record ProcessOutcome(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>stdout as a JSON object, or null when it is empty or not an object.</summary>
    public JsonObject? Json
    {
        get
        {
            try
            {
                return string.IsNullOrWhiteSpace(Stdout) ? null : JsonNode.Parse(Stdout) as JsonObject;
            }
            catch (System.Text.Json.JsonException)
            {
                return null;
            }
        }
    }
}

/// <summary>
/// Executes a plugin as a runtime does: CNI_* in the environment, the request on stdin (SPEC §2). A plugin under test,
/// like the Harness's own executor runs them, not a helper tool (those go through HelperCommand): the tests need any
/// environment, including one missing CNI variables, and a synchronous call.
/// </summary>
public static class PluginProcess
{
    private static readonly string[] CniVariables = ["CNI_COMMAND", "CNI_CONTAINERID", "CNI_NETNS", "CNI_IFNAME", "CNI_ARGS", "CNI_PATH"];

    /// <summary>
    /// Runs <paramref name="fileName"/> with <paramref name="arguments"/>; the process inherits this process's
    /// environment minus any CNI_* and plus <paramref name="env"/>.
    /// </summary>
    public static ProcessOutcome Run(string fileName, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> env, string stdin)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var name in CniVariables)
            info.Environment.Remove(name);
        foreach (var (name, value) in env)
            info.Environment[name] = value;

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill();
            throw new TimeoutException($"{fileName} did not exit within 30 s");
        }
        return new ProcessOutcome(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The environment a runtime sets for <paramref name="command"/>.</summary>
    public static Dictionary<string, string> Env(string command, string containerId = "c1", string ifName = "eth0", string cniArgs = "") => new()
    {
        ["CNI_COMMAND"] = command,
        ["CNI_CONTAINERID"] = containerId,
        ["CNI_NETNS"] = "/var/run/netns/unused",
        ["CNI_IFNAME"] = ifName,
        ["CNI_ARGS"] = cniArgs,
        ["CNI_PATH"] = "/usr/lib/cni",
    };
}

/// <summary>
/// Where our IPAM binary is: <c>CNITEST_IPAM_BINARY</c> (e.g. the NativeAOT publish output) or the JIT apphost the
/// project reference copies next to the tests.
/// </summary>
public static class IpamBinary
{
    public static string Path { get; } =
        Environment.GetEnvironmentVariable("CNITEST_IPAM_BINARY") is { Length: > 0 } path
            ? path
            : System.IO.Path.Combine(AppContext.BaseDirectory, "cnitest-ipam");

    public static ProcessOutcome Run(IReadOnlyDictionary<string, string> env, string stdin) => PluginProcess.Run(Path, [], env, stdin);
}
