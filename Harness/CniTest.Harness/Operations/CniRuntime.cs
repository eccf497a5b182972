using System.Text.Json;
using System.Text.Json.Nodes;
using CniTest.Harness.Cache;
using CniTest.Harness.Config;
using CniTest.Harness.Errors;
using CniTest.Harness.Invocation;
using CniTest.Harness.Results;
using CniTest.Harness.Versioning;

namespace CniTest.Harness.Operations;

/// <summary>
/// The libcni equivalent: runs ADD/CHECK/DEL/GC/STATUS over a network configuration list and VERSION on a
/// plugin, with a result cache (checklist §1.6, §1.7). One file per operation: <c>CniRuntime.Add.cs</c>, ….
/// Each operation comes twice: <c>…NetworkListAsync</c> throws on failure, as libcni returns an error;
/// <c>Trace…Async</c> returns every plugin's call and answer (<see cref="ChainOutcome"/>) and takes
/// <see cref="ChainOptions"/>, for callers that judge plugins (the conformance suite). Both share one
/// implementation, so what the suite judges is what <c>cnitest add</c> does.
/// </summary>
public sealed partial class CniRuntime
{
    private readonly PluginInvoker _invoker;

    /// <summary>Creates a runtime; nothing is run or read until an operation is called.</summary>
    public CniRuntime(RuntimeOptions options)
    {
        Options = options;
        _invoker = new PluginInvoker(options.Executor, options.Observers);
        Cache = options.CacheDirectory is null ? null : new ResultCache(options.CacheDirectory);
    }

    /// <summary>How this runtime finds, runs and remembers plugins.</summary>
    public RuntimeOptions Options { get; }

    /// <summary>The result cache, or null when caching is off.</summary>
    public ResultCache? Cache { get; }

    /// <summary>Finds a plugin binary on the runtime's path (R19).</summary>
    public string FindPlugin(string pluginType) => PluginLocator.Find(pluginType, Options.PluginPath);

    /// <summary>Asks a plugin which versions it supports (R18, R36).</summary>
    public Task<VersionInfo> GetVersionInfoAsync(string pluginType, CancellationToken ct = default) =>
        _invoker.GetVersionInfoAsync(pluginType, FindPlugin(pluginType), timeout: Options.Timeout, ct: ct);

    /// <summary>VERSION of the binary at <paramref name="pluginPath"/>, with the call and any failure as data (R18, P10).</summary>
    public Task<VersionProbe> ProbeVersionAsync(string pluginPath, string askVersion = SpecVersions.Latest,
        VersionProbeStyle style = VersionProbeStyle.Libcni, CancellationToken ct = default) =>
        _invoker.ProbeVersionAsync(Path.GetFileName(pluginPath), pluginPath, askVersion, style, Options.Timeout, ct);

    /// <summary>
    /// The request one plugin of <paramref name="list"/> gets for an attachment: the stdin of ADD, CHECK and DEL
    /// (R22, R24), at the version <paramref name="options"/> chooses for it.
    /// </summary>
    public JsonObject BuildRequest(NetworkConfigList list, PluginConfig plugin, RuntimeConf rt, ICniResult? prevResult,
        ChainOptions? options = null) =>
        RequestBuilder.ForAttachment(list, plugin, VersionFor(list, plugin, options ?? ChainOptions.Default), rt, prevResult,
            Options.KeepCapabilitiesKey);

    /// <summary>The call of <paramref name="command"/> with the runtime's plugin path and timeout (R20, R23).</summary>
    public InvocationRequest CreateRequest(string command, RuntimeConf? rt, byte[] stdin) => new(
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

    /// <summary>
    /// One plugin call exactly as given (stdin and variables chosen by the caller, see
    /// <see cref="InvocationRequest.OverrideVariables"/>), seen by the observers like every other call. Never throws
    /// for what the plugin does: the record says it.
    /// </summary>
    public Task<InvocationRecord> InvokeAsync(string pluginType, string pluginPath, InvocationRequest request, CancellationToken ct = default) =>
        _invoker.InvokeAsync(pluginType, pluginPath, request, RequestVersion(request.Stdin), ct);

    /// <summary>
    /// Runs one plugin of an operation: locate, build the request at the plugin's version, execute, classify the
    /// outcome (R26) and, for ADD, parse the result (R27). Every failure becomes the step's error.
    /// </summary>
    private async Task<PluginStep> RunStepAsync(string command, NetworkConfigList list, PluginConfig plugin, RuntimeConf? rt,
        ChainOptions options, Func<string, JsonObject> request, CancellationToken ct, Action? validate = null)
    {
        var version = VersionFor(list, plugin, options);
        var step = new PluginStep(plugin, version);
        try
        {
            var path = options.BinaryFor?.Invoke(plugin) ?? FindPlugin(plugin.Type);
            validate?.Invoke(); // R13: after the lookup, so a missing binary is reported first
            var built = request(version);
            step = step with { Request = built };
            var record = await _invoker.InvokeAsync(plugin.Type, path,
                CreateRequest(command, rt, RequestBuilder.Encode(built)), version, ct);
            step = step with { Record = record };
            PluginInvoker.ThrowIfFailed(plugin.Type, record);
            return command == CniCommand.Add ? step with { Result = PluginInvoker.ParseResult(plugin.Type, record, version) } : step;
        }
        catch (CniHarnessException e)
        {
            return step with { Error = e };
        }
    }

    private static string VersionFor(NetworkConfigList list, PluginConfig plugin, ChainOptions options) =>
        options.VersionFor?.Invoke(plugin) ?? VersionOf(list);

    private static string VersionOf(NetworkConfigList list) =>
        string.IsNullOrEmpty(list.CniVersion) ? "0.1.0" : list.CniVersion;

    /// <summary>The <c>cniVersion</c> a request carries ("" when it has none or is not JSON), for the observers.</summary>
    private static string RequestVersion(byte[] stdin)
    {
        try
        {
            return JsonNode.Parse(stdin) is JsonObject o && o["cniVersion"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }
}

/// <summary>Several failures from one operation (GC, or DEL with <see cref="RuntimeOptions.DelContinuesOnError"/>).</summary>
/// <param name="operation">The operation that failed.</param>
/// <param name="errors">Every failure, in order.</param>
public sealed class OperationErrorsException(string operation, IReadOnlyList<Exception> errors)
    : CniHarnessException(string.Join("\n", errors.Select(e => e.Message)), errors.Count > 0 ? errors[0] : null)
{
    /// <summary>The operation that failed (<c>GC</c>, <c>DEL</c>).</summary>
    public string Operation { get; } = operation;

    /// <summary>Every failure, in order.</summary>
    public IReadOnlyList<Exception> Errors { get; } = errors;
}
