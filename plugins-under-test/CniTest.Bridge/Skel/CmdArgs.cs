using System.Text.Json.Nodes;

namespace CniTest.Bridge.Skel;

/// <summary>One invocation, validated: the CNI_* variables, the raw stdin and its parsed form (Go skel CmdArgs).</summary>
internal sealed record CmdArgs
{
    public required CniCommand Command { get; init; }

    /// <summary>CNI_CONTAINERID; empty for GC and STATUS.</summary>
    public required string ContainerId { get; init; }

    /// <summary>CNI_NETNS; may be empty on DEL (P27).</summary>
    public required string Netns { get; init; }

    /// <summary>CNI_IFNAME; empty for GC and STATUS.</summary>
    public required string IfName { get; init; }

    /// <summary>CNI_ARGS.</summary>
    public required string Args { get; init; }

    /// <summary>CNI_PATH, split on ':'.</summary>
    public required IReadOnlyList<string> Path { get; init; }

    /// <summary>stdin exactly as received: delegated plugins get these bytes (SPEC §4).</summary>
    public required byte[] StdinData { get; init; }

    /// <summary>stdin parsed.</summary>
    public required JsonObject Config { get; init; }

    /// <summary>The request's cniVersion ("0.1.0" when absent); results and errors answer with it (P15).</summary>
    public required string CniVersion { get; init; }

    /// <summary>The whole environment, for delegation.</summary>
    public required PluginEnvironment Environment { get; init; }
}
