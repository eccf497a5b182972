using CniTest.Harness.Cache;
using CniTest.Harness.Config;
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
    public async Task DelNetworkListAsync(NetworkConfigList list, RuntimeConf rt, CancellationToken ct = default)
    {
        var prevResult = SpecVersions.HasDelPrevResult(VersionOf(list)) ? ReadCachedResult(list, rt) : null;
        var errors = new List<Exception>();
        foreach (var plugin in list.Plugins.Reverse())
        {
            try
            {
                var path = FindPlugin(plugin.Type); // R19: a missing binary aborts DEL too (k8s#80482)
                var stdin = RequestBuilder.ForAttachment(list, plugin, rt, prevResult, Options.KeepCapabilitiesKey);
                await _invoker.ExecuteAsync(plugin.Type, path, Request(CniCommand.Del, rt, stdin), VersionOf(list), ct);
            }
            catch (Errors.CniHarnessException e) when (Options.DelContinuesOnError)
            {
                errors.Add(e);
            }
        }

        if (errors.Count > 0)
        {
            throw errors.Count == 1 ? errors[0] : new OperationErrorsException("DEL", errors);
        }

        Cache?.Delete(list.Name, rt.ContainerId, rt.IfName);
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
        catch (Errors.CniHarnessException)
        {
            // R32: a cached result that cannot be read or converted (cni#701) is dropped, and DEL goes on.
            Cache.Delete(list.Name, rt.ContainerId, rt.IfName);
            return null;
        }
    }
}
