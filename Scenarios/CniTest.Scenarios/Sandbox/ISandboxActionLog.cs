namespace CniTest.Scenarios.Sandbox;

/// <summary>
/// Told about what a check does to its fake host between plugin calls (drift: links or addresses removed, a sandbox
/// deleted), so a recording can replay it in the same place (<c>--record</c>, <c>cnitest replay</c>).
/// </summary>
public interface ISandboxActionLog
{
    /// <summary>Called before the action runs.</summary>
    /// <param name="kind">One of the <see cref="Recording.RecordedAction"/> kinds.</param>
    /// <param name="sandbox">The sandbox acted on; null for the fake host itself.</param>
    /// <param name="commands">The iproute2 batch, or what was acted on.</param>
    void OnAction(string kind, ContainerSandbox? sandbox, string? commands);
}
