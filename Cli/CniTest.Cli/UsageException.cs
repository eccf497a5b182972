namespace CniTest.Cli;

/// <summary>A usage, configuration or environment problem found by the CLI itself: exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
