using System.Text.Json.Nodes;
using CniTest.Harness.Invocation;
using CniTest.Scenarios.Configs;

namespace CniTest.Scenarios.Engine;

/// <summary>What one ADD/DEL/CHECK of an attachment did across the chain.</summary>
public sealed record StepResult
{
    public required bool Succeeded { get; init; }

    /// <summary>The call of the plugin under test; null when a partner failed before it ran.</summary>
    public InvocationRecord? Subject { get; init; }

    /// <summary>A partner (not the plugin under test) that failed, with its call.</summary>
    public (ChainMember Member, InvocationRecord Record)? PartnerFailure { get; init; }

    /// <summary>The chain's final result (ADD).</summary>
    public JsonObject? Result { get; init; }

    /// <summary>True when the plugin under test ran and failed.</summary>
    public bool SubjectFailed => Subject is not null && !Subject.Succeeded;
}
