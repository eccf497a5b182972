namespace CniTest.Scenarios.Sandbox;

/// <summary>What a sandbox (the container side of an attachment) is (<c>--sandbox</c>).</summary>
public enum SandboxMode
{
    /// <summary>A bare network namespace pinned in the fake host's directory (the default: cheapest).</summary>
    Netns,

    /// <summary>A <c>--network none</c> Docker container, as the seed labs and Docker-based runtimes attach (issue 11).</summary>
    Docker,
}
