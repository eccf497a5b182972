#pragma warning disable CS1591 // documented by the runtime refactor (issue 9)
using CniTest.Harness.Cache;
using CniTest.Harness.Config;
using CniTest.Harness.Errors;
using CniTest.Harness.Invocation;

namespace CniTest.Harness.Operations;

/// <summary>
/// The libcni equivalent: runs ADD/CHECK/DEL/GC/STATUS over a network configuration list and VERSION on a
/// plugin, with a result cache (checklist §1.6, §1.7). One file per operation: <c>CniRuntime.Add.cs</c>, ….
/// </summary>
public sealed partial class CniRuntime
{
    private readonly PluginInvoker _invoker;

    public CniRuntime(RuntimeOptions options)
    {
        Options = options;
        _invoker = new PluginInvoker(options.Executor, options.Observers);
        Cache = options.CacheDirectory is null ? null : new ResultCache(options.CacheDirectory);
    }

    public RuntimeOptions Options { get; }

    /// <summary>The result cache, or null when caching is off.</summary>
    public ResultCache? Cache { get; }

    /// <summary>Finds a plugin binary on the runtime's path (R19).</summary>
    public string FindPlugin(string pluginType) => PluginLocator.Find(pluginType, Options.PluginPath);

    /// <summary>Asks a plugin which versions it supports (R18, R36).</summary>
    public Task<VersionInfo> GetVersionInfoAsync(string pluginType, CancellationToken ct = default) =>
        _invoker.GetVersionInfoAsync(pluginType, FindPlugin(pluginType), timeout: Options.Timeout, ct: ct);

    private InvocationRequest Request(string command, RuntimeConf? rt, byte[] stdin) => new(
        command,
        rt?.ContainerId ?? "",
        rt?.Netns ?? "",
        rt?.IfName ?? "",
        rt?.Args ?? [],
        Options.PluginPath,
        stdin)
    {
        Timeout = Options.Timeout,
    };

    private static string VersionOf(NetworkConfigList list) =>
        string.IsNullOrEmpty(list.CniVersion) ? "0.1.0" : list.CniVersion;
}

/// <summary>Several failures from one operation (GC, or DEL with <see cref="RuntimeOptions.DelContinuesOnError"/>).</summary>
public sealed class OperationErrorsException(string operation, IReadOnlyList<Exception> errors)
    : CniHarnessException(string.Join("\n", errors.Select(e => e.Message)), errors.Count > 0 ? errors[0] : null)
{
    public string Operation { get; } = operation;
    public IReadOnlyList<Exception> Errors { get; } = errors;
}
