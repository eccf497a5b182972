using System.Text.Json.Nodes;
using CniTest.Harness.Results;
using CniTest.Scenarios.Configs;
using CniTest.Scenarios.Runtimes;
using CniTest.Scenarios.Sandbox;

namespace CniTest.Scenarios.Engine;

/// <summary>One attachment a check makes: container id, interface name, sandbox, and what ADD returned.</summary>
public sealed class Attachment
{
    internal Attachment(string containerId, string ifName, ContainerSandbox sandbox, int index, NetworkSpec network)
    {
        Network = network;
        ContainerId = containerId;
        IfName = ifName;
        Sandbox = sandbox;
        Index = index;
    }

    /// <summary>The network this attachment belongs to (the run's, or a second one).</summary>
    public NetworkSpec Network { get; }

    public string ContainerId { get; }

    /// <summary>The fake host (node) the attachment is made on.</summary>
    public required FakeHost Node { get; init; }
    public string IfName { get; }
    public ContainerSandbox Sandbox { get; }

    /// <summary>The runtime persona the attachment is made as (its shapes, CNI_ARGS and capability args).</summary>
    public RuntimePersona Persona { get; internal set; } = RuntimePersonas.Libcni;

    /// <summary>The pod the attachment belongs to, as the persona names it in CNI_ARGS.</summary>
    public required PodIdentity Pod { get; init; }

    /// <summary>
    /// <c>CNI_NETNS</c> as the persona passes it: the sandbox's pin path, or its runtime-shaped name under
    /// <c>/run/netns</c> in the plugins' mount namespace. The suite's own probes use <see cref="ContainerSandbox.Path"/>.
    /// </summary>
    public required string Netns { get; init; }

    /// <summary>CNI_ARGS pairs sent with every call (the persona's; a diagnosis may swap them).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Args { get; internal set; } = [];

    /// <summary>Capability arguments offered with every call (the persona's; a diagnosis may swap them).</summary>
    public IReadOnlyDictionary<string, JsonNode?> CapabilityArgs { get; internal set; } = new Dictionary<string, JsonNode?>();

    /// <summary>Distinguishes attachments of one check (capability values such as host ports differ by it).</summary>
    public int Index { get; }

    /// <summary>The chain's final result after a successful ADD (the prevResult of CHECK and DEL), in the check's version.</summary>
    public JsonObject? Result { get; internal set; }

    /// <summary>What the plugin under test printed on ADD, parsed.</summary>
    public JsonObject? SubjectResult { get; internal set; }

    /// <summary>The prevResult the plugin under test received (from partners before it); null when none.</summary>
    public JsonObject? SubjectPrevResult { get; internal set; }

    /// <summary>What the partners before the plugin under test returned in <see cref="CheckContext.PrepareAsync"/>.</summary>
    internal ICniResult? PreparedPrevResult { get; set; }
}
