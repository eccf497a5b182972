using CniTest.Harness.Cache;
using CniTest.Harness.Config;
using CniTest.Harness.Errors;
using CniTest.Harness.Invocation;
using CniTest.Harness.Results;
using CniTest.Harness.Versioning;

namespace CniTest.Harness.Operations;

public sealed partial class CniRuntime
{
    /// <summary>
    /// DEL over the list in reverse order (R32). From 0.4.0 the cached result is sent as <c>prevResult</c>; a
    /// missing cache means no prevResult, and an empty or corrupt one is deleted and DEL goes on without it
    /// (R40, bug cni#1055: a zero-byte cache after a reboot blocked every later DEL). The cache entry is removed
    /// only when every plugin succeeded.
    /// </summary>
    public async Task DelNetworkListAsync(NetworkConfigList list, RuntimeConf rt, CancellationToken ct = default) =>
        (await TraceDelAsync(list, rt, null, ct)).ThrowIfFailed();

    /// <summary><see cref="DelNetworkListAsync"/>, returning every plugin's call instead of throwing.</summary>
    public async Task<ChainOutcome> TraceDelAsync(NetworkConfigList list, RuntimeConf rt, ChainOptions? options = null, CancellationToken ct = default)
    {
        options ??= ChainOptions.Default;
        var prevResult = SpecVersions.HasDelPrevResult(VersionOf(list)) && !options.OmitPrevResult ? ReadCachedResult(list, rt) : null;
        var steps = new List<PluginStep>();
        var errors = new List<CniHarnessException>();
        foreach (var plugin in list.Plugins.Reverse())
        {
            // R19: a missing binary aborts DEL too (k8s#80482)
            var step = await RunStepAsync(CniCommand.Del, list, plugin, rt, options,
                version => RequestBuilder.ForAttachment(list, plugin, version, rt, prevResult, Options.KeepCapabilitiesKey), ct);
            steps.Add(step);
            if (step.Error is { } error)
            {
                errors.Add(error);
                if (!Options.DelContinuesOnError)
                {
                    break;
                }
            }
        }

        if (errors.Count == 0)
        {
            Cache?.Delete(list.Name, rt.ContainerId, rt.IfName);
        }

        return new ChainOutcome(CniCommand.Del, steps, errors);
    }

    /// <summary>The cached result converted to the list version, or null (missing, corrupt or unconvertible).</summary>
    private ICniResult? ReadCachedResult(NetworkConfigList list, RuntimeConf rt)
    {
        if (Cache is null)
        {
            return null;
        }

        var (status, entry, _) = Cache.Read(list.Name, rt.ContainerId, rt.IfName);
        if (status == CacheReadStatus.Corrupt || (status == CacheReadStatus.Found && entry!.Result is null))
        {
            Cache.Delete(list.Name, rt.ContainerId, rt.IfName);
            return null;
        }

        if (status == CacheReadStatus.Missing)
        {
            return null;
        }

        try
        {
            return ResultParser.Parse(entry!.Result!.ToJsonString(), VersionOf(list)).ConvertTo(VersionOf(list));
        }
        catch (CniHarnessException)
        {
            // R32: a cached result that cannot be read or converted (cni#701) is dropped, and DEL goes on.
            Cache.Delete(list.Name, rt.ContainerId, rt.IfName);
            return null;
        }
    }
}
