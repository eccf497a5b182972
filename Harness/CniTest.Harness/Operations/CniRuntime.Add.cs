using CniTest.Harness.Cache;
using CniTest.Harness.Config;
using CniTest.Harness.Invocation;
using CniTest.Harness.Results;

namespace CniTest.Harness.Operations;

public sealed partial class CniRuntime
{
    /// <summary>
    /// ADD over the list in file order, threading each result into the next plugin as <c>prevResult</c> (R30).
    /// Stops at the first failure. Like libcni this does not DEL on failure: the spec makes that the caller's
    /// duty ("a delete must still be executed even if the add fails"), and the caller knows its policy.
    /// On success the final result is cached (R37) and returned in the version the last plugin reported.
    /// </summary>
    public async Task<ICniResult> AddNetworkListAsync(NetworkConfigList list, RuntimeConf rt, CancellationToken ct = default)
    {
        ICniResult? previous = null;
        foreach (var plugin in list.Plugins)
        {
            var path = FindPlugin(plugin.Type);
            // R13: validated on ADD only, and after the lookup, so a missing binary is reported first.
            NameValidation.ValidateContainerId(rt.ContainerId);
            NameValidation.ValidateNetworkName(list.Name);
            NameValidation.ValidateInterfaceName(rt.IfName);

            var stdin = RequestBuilder.ForAttachment(list, plugin, rt, previous, Options.KeepCapabilitiesKey);
            (previous, _) = await _invoker.ExecuteWithResultAsync(plugin.Type, path,
                Request(CniCommand.Add, rt, stdin), VersionOf(list), ct);
        }

        if (previous is null)
        {
            throw new Errors.ConfigException($"network \"{list.Name}\" has no plugins", list.SourcePath);
        }

        Cache?.Write(new CachedAttachment
        {
            ContainerId = rt.ContainerId,
            IfName = rt.IfName,
            NetworkName = list.Name,
            Config = list.Bytes,
            Netns = rt.Netns,
            CniArgs = rt.Args,
            CapabilityArgs = CapabilityArgsJson(rt),
            Result = previous.ToJson(),
        });
        return previous;
    }

    private static System.Text.Json.Nodes.JsonObject? CapabilityArgsJson(RuntimeConf rt)
    {
        if (rt.CapabilityArgs.Count == 0)
        {
            return null;
        }

        var o = new System.Text.Json.Nodes.JsonObject();
        foreach (var (k, v) in rt.CapabilityArgs)
        {
            o[k] = v?.DeepClone();
        }

        return o;
    }
}
