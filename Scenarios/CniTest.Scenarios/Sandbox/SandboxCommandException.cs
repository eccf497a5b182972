namespace CniTest.Scenarios.Sandbox;

/// <summary>A helper command the harness ran in its own namespaces failed (a harness or environment problem).</summary>
public sealed class SandboxCommandException(string message) : Exception(message);
