using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CniTest.PluginSdk.Hosting;
using CniTest.PluginSdk.Errors;
using CniTest.PluginSdk.Results;

namespace CniTest.Bridge.Ipam;

/// <summary>
/// Runs the IPAM plugin binary found in CNI_PATH (SPEC §4: "the plugin must be invoked with the same environment
/// and network configuration", Go pkg/invoke DelegateAdd/DelegateDel). One exec per verb.
/// </summary>
internal sealed class ExecIpam(string type) : IIpam
{
    // ETXTBSY: a binary that was just written may still be open for writing elsewhere (Go's RawExec retries too).
    private const int TextFileBusy = 26;

    public CniResult Add(CmdArgs args)
    {
        var stdout = Invoke(args, "ADD");
        var result = ResultReader.Parse(stdout, args.CniVersion);
        return result;
    }

    public void Del(CmdArgs args) => Invoke(args, "DEL");

    public void Check(CmdArgs args) => Invoke(args, "CHECK");

    public void Gc(CmdArgs args) => Invoke(args, "GC");

    public void Status(CmdArgs args) => Invoke(args, "STATUS");

    /// <summary>Finds <paramref name="type"/> in CNI_PATH: the first directory that has it wins.</summary>
    internal static string Find(string type, IReadOnlyList<string> path)
    {
        if (type.Contains('/') || type is "." or "..")
        {
            throw new CniPluginException(CniErrorCodes.InvalidNetworkConfig, $"invalid IPAM plugin type \"{type}\"");
        }

        foreach (var directory in path)
        {
            var candidate = Path.Combine(directory, type);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new CniPluginException(CniErrorCodes.Internal, $"failed to find plugin \"{type}\" in path [{string.Join(' ', path)}]");
    }

    private byte[] Invoke(CmdArgs args, string command)
    {
        var executable = Find(type, args.PathDirectories);
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["CNI_COMMAND"] = command;

        using var process = StartWithRetry(start);
        var stdoutTask = ReadAllAsync(process.StandardOutput.BaseStream);
        var stderrTask = ReadAllAsync(process.StandardError.BaseStream);
        try
        {
            process.StandardInput.BaseStream.Write(args.StdinData);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The delegate may exit without reading stdin; its exit status and output say what happened.
        }

        process.WaitForExit();
        var stdout = stdoutTask.GetAwaiter().GetResult();
        var stderr = stderrTask.GetAwaiter().GetResult();
        if (process.ExitCode != 0)
        {
            throw Failure(command, process.ExitCode, stdout, stderr);
        }

        return stdout;
    }

    private static Process StartWithRetry(ProcessStartInfo start)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return Process.Start(start) ?? throw new CniPluginException(CniErrorCodes.Internal, $"could not start {start.FileName}");
            }
            catch (Win32Exception e) when (e.NativeErrorCode == TextFileBusy && attempt < 5)
            {
                Thread.Sleep(attempt * 5);
            }
        }
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer).ConfigureAwait(false);
        return buffer.ToArray();
    }

    /// <summary>The delegate's own error object when it printed one (its code and msg pass through), else a 999.</summary>
    private CniPluginException Failure(string command, int exitCode, byte[] stdout, byte[] stderr)
    {
        try
        {
            if (JsonNode.Parse(stdout) is JsonObject error && error["code"] is JsonValue codeValue && codeValue.TryGetValue(out uint code))
            {
                var msg = error["msg"] is JsonValue m && m.TryGetValue(out string? text) ? text : "";
                var details = error["details"] is JsonValue d && d.TryGetValue(out string? detailText) ? detailText : null;
                return new CniPluginException(code, msg, details);
            }
        }
        catch (JsonException)
        {
        }

        var detail = Encoding.UTF8.GetString(stderr.Length > 0 ? stderr : stdout).Trim();
        return new CniPluginException(CniErrorCodes.Internal, $"IPAM plugin {type} failed ({command}, exit status {exitCode}) with no error object", detail);
    }
}
