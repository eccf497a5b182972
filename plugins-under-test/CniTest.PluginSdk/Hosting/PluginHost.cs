using System.Text.Json;
using System.Text.Json.Nodes;
using CniTest.PluginSdk.Conventions;
using CniTest.PluginSdk.Errors;
using CniTest.PluginSdk.Json;
using CniTest.PluginSdk.Results;
using CniTest.PluginSdk.Versioning;

namespace CniTest.PluginSdk.Hosting;

/// <summary>
/// The plugin-side "main" (Go <c>pkg/skel</c>; STYLE example 13): reads <c>CNI_*</c> and stdin, validates them,
/// dispatches to an <see cref="ICniPlugin"/>, prints results in the request version's shape and turns every failure
/// into the spec's error object on stdout with exit status 1 (P1–P3). Environment and streams are injected so
/// tests need no process-global state.
/// </summary>
public static class PluginHost
{
    /// <summary>Runs against the real process environment and standard streams; returns the exit status.</summary>
    public static int Main(ICniPlugin plugin, PluginInfo info)
    {
        using var stdin = StandardStreams.Input();
        using var stdout = StandardStreams.Output();
        var status = Run(plugin, info, Environment.GetEnvironmentVariable, stdin, stdout, Console.Error);
        stdout.Flush();
        return status;
    }

    /// <summary>Runs one invocation; returns the exit status (0 success, 1 error object printed).</summary>
    public static int Run(ICniPlugin plugin, PluginInfo info, Func<string, string?> getenv, Stream stdin, Stream stdout, TextWriter stderr)
    {
        var commandText = getenv("CNI_COMMAND");
        if (string.IsNullOrEmpty(commandText))
        {
            // P52: no command is not an error; say what we are.
            stderr.WriteLine($"{info.About}\nCNI protocol versions supported: {string.Join(", ", info.SupportedVersions)}");
            return 0;
        }
        var replyVersion = CniVersions.Latest;
        try
        {
            if (!CniCommands.TryParse(commandText, out var command))
                throw new CniPluginException(CniErrorCodes.InvalidEnvironmentVariables, $"unknown CNI_COMMAND: {commandText}");
            var stdinData = ReadAll(stdin);
            var config = TryParseObject(stdinData);
            replyVersion = RequestVersionOrNull(config) ?? CniVersions.Latest;
            if (command == CniCommand.Version)
            {
                WriteVersionReply(stdout, config, info);
                return 0;
            }
            var args = BuildArgs(command, getenv, stdinData, config, info);
            replyVersion = args.CniVersion;
            Dispatch(plugin, args, stdout);
            return 0;
        }
        catch (CniPluginException ex)
        {
            ErrorWriter.Write(stdout, ex, replyVersion);
            return 1;
        }
        catch (Exception ex)
        {
            // Any untyped failure is an internal error, as in Go's skel (R45, code 999).
            ErrorWriter.Write(stdout, new CniPluginException(CniErrorCodes.Internal, ex.Message), replyVersion);
            return 1;
        }
    }

    /// <summary>Throws code 4 naming <paramref name="variable"/> when <paramref name="value"/> is empty (P4).</summary>
    public static void Require(string value, string variable)
    {
        if (string.IsNullOrEmpty(value))
            throw MissingVariables([variable]);
    }

    private static CmdArgs BuildArgs(CniCommand command, Func<string, string?> getenv, byte[] stdinData, JsonObject? config, PluginInfo info)
    {
        var missing = RequiredVariables.For(command).Where(name => string.IsNullOrEmpty(getenv(name))).ToList();
        if (missing.Count > 0)
            throw MissingVariables(missing);
        if (config is null)
            throw new CniPluginException(CniErrorCodes.DecodingFailure, "error reading network config: stdin is not a JSON object");

        var version = ConfigReader.String(config, "cniVersion", "cniVersion", CniErrorCodes.DecodingFailure);
        version = string.IsNullOrEmpty(version) ? CniVersions.Default : version;
        if (!info.SupportedVersions.Contains(version))
        {
            throw new CniPluginException(CniErrorCodes.IncompatibleCniVersion, "incompatible CNI versions",
                $"config is \"{version}\", plugin supports [\"{string.Join("\" \"", info.SupportedVersions)}\"]");
        }
        if (!CniVersions.AtLeast(version, command.IntroducedIn()))
        {
            throw new CniPluginException(CniErrorCodes.IncompatibleCniVersion,
                $"config version does not allow {command.WireName()}", $"{command.WireName()} needs cniVersion {command.IntroducedIn()} or later, config is \"{version}\"");
        }
        RequestValidation.NetworkName(ConfigReader.String(config, "name", "name"));

        var args = new CmdArgs
        {
            Command = command,
            ContainerId = getenv("CNI_CONTAINERID") ?? "",
            Netns = getenv("CNI_NETNS") ?? "",
            IfName = getenv("CNI_IFNAME") ?? "",
            Args = getenv("CNI_ARGS") ?? "",
            Path = getenv("CNI_PATH") ?? "",
            Config = config,
            StdinData = stdinData,
            CniVersion = version,
        };
        if (command is CniCommand.Add or CniCommand.Del or CniCommand.Check)
        {
            RequestValidation.ContainerId(args.ContainerId);
            RequestValidation.IfName(args.IfName);
        }
        return args;
    }

    private static void Dispatch(ICniPlugin plugin, CmdArgs args, Stream stdout)
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
                plugin.Gc(args, Attachments.ReadValid(args.Config));
                break;
            case CniCommand.Status:
                plugin.Status(args);
                break;
        }
    }

    /// <summary>
    /// VERSION answers with the request's <c>cniVersion</c> (P11; Go's skel answers with its own, a known deviation)
    /// and reads stdin leniently: VERSION must work with no other input (P10), so an empty or unreadable request
    /// gets the newest version.
    /// </summary>
    private static void WriteVersionReply(Stream stdout, JsonObject? request, PluginInfo info)
    {
        using (var writer = new Utf8JsonWriter(stdout, JsonOutput.Compact))
        {
            writer.WriteStartObject();
            writer.WriteString("cniVersion", RequestVersionOrNull(request) ?? CniVersions.Latest);
            writer.WriteStartArray("supportedVersions");
            foreach (var version in info.SupportedVersions)
                writer.WriteStringValue(version);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        stdout.WriteByte((byte)'\n');
    }

    private static string? RequestVersionOrNull(JsonObject? request) =>
        request?["cniVersion"] is JsonValue value && value.TryGetValue(out string? text) && text.Length > 0 ? text : null;

    private static JsonObject? TryParseObject(byte[] data)
    {
        try
        {
            var obj = JsonNode.Parse(data) as JsonObject;
            _ = obj?.Count; // materialise now: a duplicate key throws here, not later inside a verb
            return obj;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            return null;
        }
    }

    private static byte[] ReadAll(Stream stdin)
    {
        try
        {
            using var buffer = new MemoryStream();
            stdin.CopyTo(buffer);
            return buffer.ToArray();
        }
        catch (IOException ex)
        {
            throw new CniPluginException(CniErrorCodes.IoFailure, "error reading from stdin", ex.Message);
        }
    }

    private static CniPluginException MissingVariables(IEnumerable<string> names) =>
        new(CniErrorCodes.InvalidEnvironmentVariables, $"required env variables [{string.Join(",", names)}] missing");
}
