namespace CniTest.Scenarios;

/// <summary>
/// The machine cannot run the suite (not root, a tool or kernel feature is missing, the plugin cannot be executed).
/// Never the plugin's fault: the run stops with exit code 2 and this one-line reason.
/// </summary>
public sealed class EnvironmentProblemException(string message, Exception? inner = null) : Exception(message, inner);
