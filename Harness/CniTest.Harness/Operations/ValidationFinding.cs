namespace CniTest.Harness.Operations;

/// <summary>How bad a validation finding is: errors make <c>cnitest validate</c> exit 1.</summary>
public enum FindingSeverity
{
    /// <summary>Worth knowing; nothing wrong.</summary>
    Info,

    /// <summary>Works, but a runtime or a plugin may trip over it.</summary>
    Warning,

    /// <summary>The network cannot be used as written.</summary>
    Error,
}

/// <summary>One thing <c>validate</c> found about a network (checklist R14, cni#523).</summary>
/// <param name="Severity">How bad it is.</param>
/// <param name="Network">The network's name (or file, when it has none).</param>
/// <param name="Message">What was found, in one line.</param>
/// <param name="Plugin">The plugin <c>type</c> it is about, if any.</param>
public sealed record ValidationFinding(FindingSeverity Severity, string Network, string Message, string? Plugin = null);
