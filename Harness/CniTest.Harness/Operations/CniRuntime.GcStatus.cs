using CniTest.Harness.Config;
using CniTest.Harness.Errors;
using CniTest.Harness.Invocation;
using CniTest.Harness.Versioning;

namespace CniTest.Harness.Operations;

public sealed partial class CniRuntime
{
    /// <summary>
    /// GC (R34): unless <c>disableGC</c>, DEL every cached attachment of this network that is not in
    /// <paramref name="args"/> (all of them when args is null, as cnitool does), then from 1.1.0 send GC to every
    /// plugin in order with the valid list under both key spellings, going on after errors and reporting them all.
    /// Unlike libcni, an unreadable cache directory is an error, not a silent success.
    /// </summary>
    public async Task GcNetworkListAsync(NetworkConfigList list, GcArgs? args, CancellationToken ct = default) =>
        (await TraceGcAsync(list, args, null, ct)).ThrowIfFailed();

    /// <summary>
    /// <see cref="GcNetworkListAsync"/>, returning every plugin's call instead of throwing. The steps are the
    /// plugins' GC calls; the DELs of stale cached attachments show only as errors when they fail.
    /// </summary>
    public async Task<ChainOutcome> TraceGcAsync(NetworkConfigList list, GcArgs? args, ChainOptions? options = null, CancellationToken ct = default)
    {
        options ??= ChainOptions.Default;
        if (list.DisableGC)
        {
            return new ChainOutcome(CniCommand.Gc, [], []);
        }

        var errors = new List<CniHarnessException>();
        var valid = args?.ValidAttachments.ToHashSet() ?? [];
        foreach (var cached in Cache?.List() ?? [])
        {
            if (cached.NetworkName != list.Name || valid.Contains(new GcAttachment(cached.ContainerId, cached.IfName)))
            {
                continue;
            }

            var rt = new RuntimeConf(cached.ContainerId, cached.Netns, cached.IfName) { Args = cached.CniArgs };
            if (cached.CapabilityArgs is { } caps)
            {
                rt = rt with { CapabilityArgs = caps.ToDictionary(p => p.Key, p => p.Value?.DeepClone()) };
            }

            var del = await TraceDelAsync(list, rt, options, ct);
            if (!del.Succeeded)
            {
                var message = string.Join("; ", del.Errors.Select(e => e.Message));
                errors.Add(new CniHarnessException($"failed to delete stale attachment {cached.ContainerId} {cached.IfName}: {message}", del.Errors[0]));
            }
        }

        var steps = new List<PluginStep>();
        if (SpecVersions.HasGc(VersionOf(list)))
        {
            foreach (var plugin in list.Plugins)
            {
                var step = await RunStepAsync(CniCommand.Gc, list, plugin, null, options,
                    version => RequestBuilder.ForGc(list, plugin, version, args, Options.KeepCapabilitiesKey), ct);
                steps.Add(step);
                if (step.Error is { } e)
                {
                    errors.Add(new CniHarnessException($"failed to GC plugin {plugin.Type}: {e.Message}", e));
                }
            }
        }

        return new ChainOutcome(CniCommand.Gc, steps, errors);
    }

    /// <summary>STATUS (R35): success without calls below 1.1.0; else each plugin in order, first error returned.</summary>
    public async Task StatusNetworkListAsync(NetworkConfigList list, CancellationToken ct = default) =>
        (await TraceStatusAsync(list, null, ct)).ThrowIfFailed();

    /// <summary><see cref="StatusNetworkListAsync"/>, returning every plugin's call instead of throwing.</summary>
    public async Task<ChainOutcome> TraceStatusAsync(NetworkConfigList list, ChainOptions? options = null, CancellationToken ct = default)
    {
        options ??= ChainOptions.Default;
        var steps = new List<PluginStep>();
        if (!SpecVersions.HasStatus(VersionOf(list)))
        {
            return new ChainOutcome(CniCommand.Status, steps, []);
        }

        foreach (var plugin in list.Plugins)
        {
            var step = await RunStepAsync(CniCommand.Status, list, plugin, null, options,
                version => RequestBuilder.ForStatus(list, plugin, version, Options.KeepCapabilitiesKey), ct);
            steps.Add(step);
            if (step.Error is { } error)
            {
                return new ChainOutcome(CniCommand.Status, steps, [error]);
            }
        }

        return new ChainOutcome(CniCommand.Status, steps, []);
    }
}
