using System.Text.Json.Nodes;
using CniTest.Harness.Results;
using CniTest.Scenarios.Configs;
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
