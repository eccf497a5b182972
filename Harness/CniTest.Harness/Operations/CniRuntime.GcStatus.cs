using CniTest.Harness.Config;
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
    public async Task GcNetworkListAsync(NetworkConfigList list, GcArgs? args, CancellationToken ct = default)
    {
        if (list.DisableGC)
        {
            return;
        }

        var errors = new List<Exception>();
        var valid = args?.ValidAttachments.ToHashSet() ?? [];
        foreach (var cached in Cache?.List() ?? [])
        {
            if (cached.NetworkName != list.Name || valid.Contains(new Attachment(cached.ContainerId, cached.IfName)))
            {
                continue;
            }

            var rt = new RuntimeConf(cached.ContainerId, cached.Netns, cached.IfName) { Args = cached.CniArgs };
            if (cached.CapabilityArgs is { } caps)
            {
                rt = rt with { CapabilityArgs = caps.ToDictionary(p => p.Key, p => p.Value?.DeepClone()) };
            }

            try
            {
                await DelNetworkListAsync(list, rt, ct);
            }
            catch (Errors.CniHarnessException e)
            {
                errors.Add(new Errors.CniHarnessException($"failed to delete stale attachment {cached.ContainerId} {cached.IfName}: {e.Message}", e));
            }
        }

        if (SpecVersions.HasGc(VersionOf(list)))
        {
            foreach (var plugin in list.Plugins)
            {
                try
                {
                    var path = FindPlugin(plugin.Type);
                    var stdin = RequestBuilder.ForGc(list, plugin, args, Options.KeepCapabilitiesKey);
                    await _invoker.ExecuteAsync(plugin.Type, path, Request(CniCommand.Gc, null, stdin), VersionOf(list), ct);
                }
                catch (Errors.CniHarnessException e)
                {
                    errors.Add(new Errors.CniHarnessException($"failed to GC plugin {plugin.Type}: {e.Message}", e));
                }
            }
        }

        if (errors.Count > 0)
        {
            throw new OperationErrorsException("GC", errors);
        }
    }

    /// <summary>STATUS (R35): success without calls below 1.1.0; else each plugin in order, first error returned.</summary>
    public async Task StatusNetworkListAsync(NetworkConfigList list, CancellationToken ct = default)
    {
        if (!SpecVersions.HasStatus(VersionOf(list)))
        {
            return;
        }

        foreach (var plugin in list.Plugins)
        {
            var path = FindPlugin(plugin.Type);
            var stdin = RequestBuilder.ForStatus(list, plugin, Options.KeepCapabilitiesKey);
            await _invoker.ExecuteAsync(plugin.Type, path, Request(CniCommand.Status, null, stdin), VersionOf(list), ct);
        }
    }
}
