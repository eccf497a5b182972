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
    /// CHECK over the list in file order with the cached result as <c>prevResult</c> (R33). The version gate comes
    /// before <c>disableCheck</c>, as in libcni (checklist §5.8). A cache that cannot be read fails CHECK; an
    /// absent one sends no prevResult (libcni quirk, kept: the plugin then reports what it makes of that).
    /// </summary>
    public async Task CheckNetworkListAsync(NetworkConfigList list, RuntimeConf rt, CancellationToken ct = default)
    {
        var version = VersionOf(list);
        if (!SpecVersions.HasCheck(version))
        {
            throw new CniHarnessException($"configuration version \"{version}\" does not support the CHECK command");
        }

        if (list.DisableCheck)
        {
            return; // SPEC: the runtime must not call CHECK when disableCheck is set
        }

        ICniResult? prevResult = null;
        if (Cache is not null)
        {
            var (status, entry, problem) = Cache.Read(list.Name, rt.ContainerId, rt.IfName);
            if (status == CacheReadStatus.Corrupt)
            {
                throw new CniHarnessException($"failed to get network \"{list.Name}\" cached result: {problem}");
            }

            if (entry?.Result is not null)
            {
                try
                {
                    prevResult = ResultParser.Parse(entry.Result.ToJsonString(), version).ConvertTo(version);
                }
                catch (CniHarnessException e)
                {
                    throw new CniHarnessException($"failed to get network \"{list.Name}\" cached result: {e.Message}", e);
                }
            }
        }

        foreach (var plugin in list.Plugins)
        {
            var path = FindPlugin(plugin.Type);
            var stdin = RequestBuilder.ForAttachment(list, plugin, rt, prevResult, Options.KeepCapabilitiesKey);
            await _invoker.ExecuteAsync(plugin.Type, path, Request(CniCommand.Check, rt, stdin), version, ct);
        }
    }
}
