namespace CniTest.Harness.Invocation;

/// <summary>
/// The one seam in front of process execution (STYLE example 2; Go's <c>invoke.Exec</c>). The runtime never
/// starts a process except through this; unit tests pass a recording fake.
/// </summary>
public interface IPluginExecutor
{
    /// <summary>
    /// Runs the plugin at <paramref name="pluginPath"/> with the request's variables and stdin and returns what
    /// happened. Never throws for a plugin failure: a non-zero exit, a signal or a timeout are data in the record.
    /// Throws <see cref="Errors.CniHarnessException"/> only when the binary cannot be started at all.
    /// </summary>
    Task<InvocationRecord> ExecuteAsync(string pluginPath, InvocationRequest request, CancellationToken cancellationToken = default);
}
