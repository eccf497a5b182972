using System.Text.Json.Nodes;
using CniTest.Harness.Cache;
using CniTest.Harness.Config;
using CniTest.Harness.Errors;
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
        var outcome = await TraceAddAsync(list, rt, null, ct);
        outcome.ThrowIfFailed();
        return outcome.Result!;
    }

    /// <summary><see cref="AddNetworkListAsync"/>, returning every plugin's call instead of throwing.</summary>
    public async Task<ChainOutcome> TraceAddAsync(NetworkConfigList list, RuntimeConf rt, ChainOptions? options = null, CancellationToken ct = default)
    {
        options ??= ChainOptions.Default;
        var steps = new List<PluginStep>();
        ICniResult? previous = null;
        foreach (var plugin in list.Plugins)
        {
            var prev = previous;
            var step = await RunStepAsync(CniCommand.Add, list, plugin, rt, options,
                version => RequestBuilder.ForAttachment(list, plugin, version, rt, prev, Options.KeepCapabilitiesKey), ct,
                () =>
                {
                    NameValidation.ValidateContainerId(rt.ContainerId);
                    NameValidation.ValidateNetworkName(list.Name);
                    NameValidation.ValidateInterfaceName(rt.IfName);
                });
            steps.Add(step);
            if (step.Error is { } error)
            {
                return new ChainOutcome(CniCommand.Add, steps, [error]);
            }

            previous = step.Result;
        }

        if (previous is null)
        {
            return new ChainOutcome(CniCommand.Add, steps, [new ConfigException($"network \"{list.Name}\" has no plugins", list.SourcePath)]);
        }

        if (options.UpdateCache)
        {
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
        }

        return new ChainOutcome(CniCommand.Add, steps, [], previous);
    }

    private static JsonObject? CapabilityArgsJson(RuntimeConf rt)
    {
        if (rt.CapabilityArgs.Count == 0)
        {
            return null;
        }

        var o = new JsonObject();
        foreach (var (k, v) in rt.CapabilityArgs)
        {
            o[k] = v?.DeepClone();
        }

        return o;
    }
}
