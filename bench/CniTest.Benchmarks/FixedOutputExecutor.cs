using CniTest.Harness.Invocation;

namespace CniTest.Benchmarks;

/// <summary>
/// Answers every call with the trivial plugin's output without starting anything: what is left of a call's cost is
/// the runtime's own (ADD gets the result; the other verbs, like the trivial plugin, print nothing).
/// </summary>
internal sealed class FixedOutputExecutor(byte[] stdout) : IPluginExecutor
{
    public Task<InvocationRecord> ExecuteAsync(string pluginPath, InvocationRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(new InvocationRecord
        {
            PluginPath = pluginPath,
            Command = request.Command,
            Environment = request.RenderCniVariables(),
            Stdin = request.Stdin,
            Stdout = request.Command == CniCommand.Add ? stdout : [],
            Stderr = [],
            ExitCode = 0,
        });
}
