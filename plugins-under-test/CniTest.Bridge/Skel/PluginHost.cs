using System.Text.Json;
using System.Text.Json.Nodes;
using CniTest.Netlink.Namespaces;
using CniTest.PluginSdk.Errors;
using CniTest.PluginSdk.Json;
using CniTest.PluginSdk.Results;
using CniTest.PluginSdk.Versioning;

namespace CniTest.Bridge.Skel;

/// <summary>
/// The skel-style main (STYLE example 13, Go pkg/skel): reads CNI_COMMAND and the other variables, validates them
/// per verb, reads and validates stdin, reconciles versions, refuses a CNI_NETNS that is our own namespace
/// (plugins#714), dispatches, and turns any exception into the spec's error object on stdout with exit 1.
/// Streams and environment are injected so the whole protocol layer is unit-testable.
/// </summary>
internal sealed class PluginHost(IPlugin plugin, PluginEnvironment environment, Stream stdin, Stream stdout, TextWriter stderr)
{
    /// <summary>Runs one invocation and returns the exit code.</summary>
    public int Run()
    {
        var version = CniVersions.Latest;
        try
        {
            var commandText = environment.Get("CNI_COMMAND");
            if (commandText.Length == 0)
            {
                // P52: no command is not an error; say what we are on stderr and exit 0 with nothing on stdout.
                stderr.WriteLine($"{plugin.About} CNI protocol versions supported: {string.Join(", ", CniVersions.All)}");
                return 0;
            }

            var command = ParseCommand(commandText);
            var stdinData = ReadStdin();
            if (command == CniCommand.Version)
            {
                WriteVersion(stdinData);
                return 0;
            }

            EnvironmentRules.CheckRequired(command, environment);
            var config = ParseConfig(stdinData);
            version = ReadVersion(config);
            EnvironmentRules.CheckNetworkName(config["name"]?.GetValueKind() == JsonValueKind.String ? config["name"]!.GetValue<string>() : null);
            var args = new CmdArgs
            {
                Command = command,
                ContainerId = environment.Get("CNI_CONTAINERID"),
                Netns = environment.Get("CNI_NETNS"),
                IfName = environment.Get("CNI_IFNAME"),
                Args = environment.Get("CNI_ARGS"),
                Path = environment.Get("CNI_PATH").Split(':', StringSplitOptions.RemoveEmptyEntries),
                StdinData = stdinData,
                Config = config,
                CniVersion = version,
                Environment = environment,
            };
            if (command is CniCommand.Add or CniCommand.Del or CniCommand.Check)
            {
                EnvironmentRules.CheckContainerId(args.ContainerId);
                EnvironmentRules.CheckInterfaceName(args.IfName);
            }

            CheckVersionAllows(command, version);
            RefuseOwnNamespace(args);
            Dispatch(args);
            return 0;
        }
        catch (CniPluginException e)
        {
            ErrorWriter.Write(stdout, e, version);
            return 1;
        }
        catch (Exception e)
        {
            // Anything untyped is an internal error (999, as Go's skel does), with the cause in details.
            ErrorWriter.Write(stdout, new CniPluginException(CniErrorCodes.Internal, e.Message, e.GetType().Name), version);
            return 1;
        }
        finally
        {
            stdout.Flush();
            stderr.Flush();
        }
    }

    private static CniCommand ParseCommand(string text) => text switch
    {
        "ADD" => CniCommand.Add,
        "DEL" => CniCommand.Del,
        "CHECK" => CniCommand.Check,
        "GC" => CniCommand.Gc,
        "STATUS" => CniCommand.Status,
        "VERSION" => CniCommand.Version,
        _ => throw new CniPluginException(CniErrorCodes.InvalidEnvironmentVariables, $"unknown CNI_COMMAND: {text}"),
    };

    private byte[] ReadStdin()
    {
        try
        {
            using var buffer = new MemoryStream();
            stdin.CopyTo(buffer);
            return buffer.ToArray();
        }
        catch (IOException e)
        {
            throw new CniPluginException(CniErrorCodes.IoFailure, "error reading from stdin", e.Message);
        }
    }

    private static JsonObject ParseConfig(byte[] stdinData)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(stdinData);
        }
        catch (JsonException e)
        {
            throw new CniPluginException(CniErrorCodes.DecodingFailure, "error unmarshaling network config", e.Message);
        }

        return node as JsonObject ?? throw new CniPluginException(CniErrorCodes.DecodingFailure, "network config is not a JSON object");
    }

    /// <summary>cniVersion: absent or empty means 0.1.0 (checklist §5.5); support is an exact string match (P6).</summary>
    private static string ReadVersion(JsonObject config)
    {
        var version = ConfigReader.String(config, "cniVersion", "cniVersion", CniErrorCodes.DecodingFailure);
        if (string.IsNullOrEmpty(version))
        {
            return CniVersions.Default;
        }

        if (!CniVersions.TryParse(version, out _))
        {
            throw new CniPluginException(CniErrorCodes.DecodingFailure, $"invalid cniVersion \"{version}\"");
        }

        if (!CniVersions.All.Contains(version))
        {
            throw new CniPluginException(
                CniErrorCodes.IncompatibleCniVersion,
                "incompatible CNI versions",
                $"config is \"{version}\", plugin supports [\"{string.Join("\" \"", CniVersions.All)}\"]");
        }

        return version;
    }

    /// <summary>CHECK exists from 0.4.0 (P35), GC and STATUS from 1.1.0 (P43, P48).</summary>
    private static void CheckVersionAllows(CniCommand command, string version)
    {
        var minimum = command switch
        {
            CniCommand.Check => "0.4.0",
            CniCommand.Gc or CniCommand.Status => "1.1.0",
            _ => null,
        };
        if (minimum is not null && !CniVersions.AtLeast(version, minimum))
        {
            throw new CniPluginException(CniErrorCodes.IncompatibleCniVersion, $"config version does not allow {command.ToString().ToUpperInvariant()}");
        }
    }

    /// <summary>
    /// plugins#714: a stale /proc/PID/ns/net of a reused PID pointed at the host, and loopback DEL took the host's
    /// lo down. Refuse before doing anything (Go's skel checks only after the plugin ran). Code 4 names the
    /// variable (Go uses 8, which the spec does not define: P5). CNI_NETNS_OVERRIDE=1 skips it, as in Go.
    /// </summary>
    private void RefuseOwnNamespace(CmdArgs args)
    {
        if (args.Netns.Length == 0 || environment.Get("CNI_NETNS_OVERRIDE") == "1")
        {
            return;
        }

        NetnsIdentity target;
        try
        {
            target = NetnsIdentity.Of(args.Netns);
        }
        catch (NetnsNotFoundException)
        {
            return; // a missing namespace is the verb's business (DEL succeeds, ADD fails opening it)
        }

        if (target == NetnsIdentity.OfProcess())
        {
            throw new CniPluginException(
                CniErrorCodes.InvalidEnvironmentVariables,
                "CNI_NETNS is the plugin's own network namespace; refusing to act on it",
                args.Netns);
        }
    }

    private void Dispatch(CmdArgs args)
    {
        switch (args.Command)
        {
            case CniCommand.Add:
                ResultWriter.Write(stdout, plugin.Add(args), args.CniVersion);
                break;
            case CniCommand.Del:
                plugin.Del(args);
                break;
            case CniCommand.Check:
                plugin.Check(args);
                break;
            case CniCommand.Gc:
                plugin.Gc(args);
                break;
            case CniCommand.Status:
                plugin.Status(args);
                break;
        }
    }

    /// <summary>
    /// VERSION needs no other variable (P10) and answers with the request's cniVersion (P11; Go answers with its
    /// own). Unreadable or version-less stdin gets the newest version.
    /// </summary>
    private void WriteVersion(byte[] stdinData)
    {
        var requested = CniVersions.Latest;
        try
        {
            if (stdinData.Length > 0 && JsonNode.Parse(stdinData) is JsonObject obj
                && obj["cniVersion"] is JsonValue value && value.TryGetValue(out string? text) && !string.IsNullOrEmpty(text))
            {
                requested = text;
            }
        }
        catch (JsonException)
        {
        }

        using (var writer = new Utf8JsonWriter(stdout, JsonOutput.Compact))
        {
            writer.WriteStartObject();
            writer.WriteString("cniVersion", requested);
            writer.WriteStartArray("supportedVersions");
            foreach (var v in CniVersions.All)
            {
                writer.WriteStringValue(v);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        stdout.WriteByte((byte)'\n');
    }
}
