#pragma warning disable CS1591 // documented by the runtime refactor (issue 9)
namespace CniTest.Harness.Operations;

/// <summary>How bad a validation finding is: errors make <c>cnitest validate</c> exit 1.</summary>
public enum FindingSeverity { Info, Warning, Error }

/// <summary>One thing <c>validate</c> found about a network (checklist R14, cni#523).</summary>
public sealed record ValidationFinding(FindingSeverity Severity, string Network, string Message, string? Plugin = null);
