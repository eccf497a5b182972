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

    /// <summary>
    /// The plugin under test exited 0 but the runtime could not read its result at the version it was asked
    /// (R27): libcni fails the ADD there, and so does the chain.
    /// </summary>
    public string? ResultError { get; init; }

    /// <summary>The runtime's first error for the step (the plugin's error object, a missing binary, …).</summary>
    public string? Error { get; init; }

    /// <summary>True when the plugin under test ran and failed.</summary>
    public bool SubjectFailed => Subject is not null && !Subject.Succeeded;
}
