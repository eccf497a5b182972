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
    public async Task CheckNetworkListAsync(NetworkConfigList list, RuntimeConf rt, CancellationToken ct = default) =>
        (await TraceCheckAsync(list, rt, null, ct)).ThrowIfFailed();

    /// <summary>
    /// <see cref="CheckNetworkListAsync"/>, returning every plugin's call instead of throwing. With
    /// <c>disableCheck</c> no plugin is called and the outcome has no steps.
    /// </summary>
    public async Task<ChainOutcome> TraceCheckAsync(NetworkConfigList list, RuntimeConf rt, ChainOptions? options = null, CancellationToken ct = default)
    {
        options ??= ChainOptions.Default;
        var version = VersionOf(list);
        if (!SpecVersions.HasCheck(version))
        {
            return new ChainOutcome(CniCommand.Check, [],
                [new CniHarnessException($"configuration version \"{version}\" does not support the CHECK command")]);
        }

        if (list.DisableCheck)
        {
            return new ChainOutcome(CniCommand.Check, [], []); // SPEC: the runtime must not call CHECK when disableCheck is set
        }

        ICniResult? prevResult = null;
        if (Cache is not null && !options.OmitPrevResult)
        {
            var (status, entry, problem) = Cache.Read(list.Name, rt.ContainerId, rt.IfName);
            if (status == CacheReadStatus.Corrupt)
            {
                return new ChainOutcome(CniCommand.Check, [],
                    [new CniHarnessException($"failed to get network \"{list.Name}\" cached result: {problem}")]);
            }

            if (entry?.Result is not null)
            {
                try
                {
                    prevResult = ResultParser.Parse(entry.Result.ToJsonString(), version).ConvertTo(version);
                }
                catch (CniHarnessException e)
                {
                    return new ChainOutcome(CniCommand.Check, [],
                        [new CniHarnessException($"failed to get network \"{list.Name}\" cached result: {e.Message}", e)]);
                }
            }
        }

        var steps = new List<PluginStep>();
        foreach (var plugin in list.Plugins)
        {
            var step = await RunStepAsync(CniCommand.Check, list, plugin, rt, options,
                v => RequestBuilder.ForAttachment(list, plugin, v, rt, prevResult, Options.KeepCapabilitiesKey), ct);
            steps.Add(step);
            if (step.Error is { } error)
            {
                return new ChainOutcome(CniCommand.Check, steps, [error]);
            }
        }

        return new ChainOutcome(CniCommand.Check, steps, []);
    }
}
