using System.Text.Json.Nodes;
using CniTest.PluginSdk.Conventions;
using CniTest.PluginSdk.Json;
using CniTest.PluginSdk.Results;

namespace CniTest.PluginSdk.Hosting;

/// <summary>
/// One validated request: the <c>CNI_*</c> variables and the decoded stdin (Go skel's <c>CmdArgs</c>). Empty
/// strings stand for unset variables. Plugins that delegate in-process pass the same instance on (SPEC §4: the
/// delegate receives the complete request).
/// </summary>
public sealed record CmdArgs
{
    /// <summary>The verb.</summary>
    public required CniCommand Command { get; init; }

    /// <summary><c>CNI_CONTAINERID</c>.</summary>
    public string ContainerId { get; init; } = "";

    /// <summary><c>CNI_NETNS</c>: path of the container's network namespace.</summary>
    public string Netns { get; init; } = "";

    /// <summary><c>CNI_IFNAME</c>.</summary>
    public string IfName { get; init; } = "";

    /// <summary><c>CNI_ARGS</c>, raw; see <see cref="ParseArgs"/>.</summary>
    public string Args { get; init; } = "";

    /// <summary><c>CNI_PATH</c>, raw (colon-separated).</summary>
    public string Path { get; init; } = "";

    /// <summary>The request configuration (stdin) as a JSON object.</summary>
    public required JsonObject Config { get; init; }

    /// <summary>The raw stdin bytes.</summary>
    public byte[] StdinData { get; init; } = [];

    /// <summary>The request's <c>cniVersion</c> (empty input means 0.1.0, checklist §5.5).</summary>
    public required string CniVersion { get; init; }

    /// <summary>The network <c>name</c> (validated by the host).</summary>
    public string NetworkName => ConfigReader.String(Config, "name", "name") ?? "";

    /// <summary>The directories of <c>CNI_PATH</c>, empty entries dropped.</summary>
    public IReadOnlyList<string> PathDirectories => Path.Split(':', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// <c>prevResult</c> converted to the 1.1.0 model (a missing <c>cniVersion</c> in it means the request's version,
    /// P21); null when absent. Malformed content is a decoding error (code 6).
    /// </summary>
    public CniResult? PrevResult =>
        ConfigReader.Object(Config, "prevResult", "prevResult", Errors.CniErrorCodes.DecodingFailure) is { } prev
            ? ResultReader.Read(prev, CniVersion)
            : null;

    /// <summary>Parses <see cref="Args"/> with Go's <c>types.LoadArgs</c> rules (P49).</summary>
    public CniArgs ParseArgs(IReadOnlyCollection<string> knownKeys) => CniArgs.Parse(Args, knownKeys);
}
