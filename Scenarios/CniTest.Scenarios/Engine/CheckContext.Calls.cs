using System.Text;
using System.Text.Json.Nodes;
using CniTest.Harness.Invocation;
using CniTest.Harness.Results;
using CniTest.Harness.Versioning;
using CniTest.Scenarios.Configs;

namespace CniTest.Scenarios.Engine;

/// <summary>How DEL is sent (the DEL-family checks vary it, P26–P28).</summary>
public sealed record DelOptions
{
    public static DelOptions Default { get; } = new();

    /// <summary>Send the ADD result as <c>prevResult</c> (from 0.4.0 on, as libcni does, R32).</summary>
    public bool WithPrevResult { get; init; } = true;

    /// <summary>Null: the sandbox path (even when the sandbox was deleted); "" sends <c>CNI_NETNS</c> empty.</summary>
    public string? Netns { get; init; }
}

/// <summary>Which spellings of the GC attachment list to send (checklist errata "GC key", P42).</summary>
public enum GcKeys
{
    Both,
    ValidAttachmentsOnly,
    AttachmentsOnly,
}

public sealed partial class CheckContext
{
    internal const string ValidAttachmentsKey = "cni.dev/valid-attachments";
    internal const string AttachmentsKey = "cni.dev/attachments";

    /// <summary>ADD through the chain, libcni-style: each plugin gets the previous one's result as <c>prevResult</c>.</summary>
    public async Task<StepResult> AddAsync(Attachment a)
    {
        JsonObject? prev = null;
        InvocationRecord? subject = null;
        foreach (var member in a.Network.Members)
        {
            if (member.IsSubject)
            {
                a.SubjectPrevResult = prev;
            }

            var (record, version) = await CallMemberAsync(member, CniCommand.Add, a, prev, a.Sandbox.Path);
            if (member.IsSubject)
            {
                subject = record;
            }

            if (!record.Succeeded)
            {
                return member.IsSubject
                    ? new StepResult { Succeeded = false, Subject = record }
                    : new StepResult { Succeeded = false, Subject = subject, PartnerFailure = (member, record) };
            }

            var json = FirstDocument(record) as JsonObject;
            if (member.IsSubject)
            {
                a.SubjectResult = json;
            }

            if (json is null)
            {
                return member.IsSubject
                    ? new StepResult { Succeeded = false, Subject = record }
                    : new StepResult { Succeeded = false, Subject = subject, PartnerFailure = (member, record) };
            }

            prev = version == Version ? json : Convert(json, version, Version) ?? json;
        }

        a.Result = prev;
        return new StepResult { Succeeded = true, Subject = subject, Result = prev };
    }

    /// <summary>
    /// ADD and DEL of a throwaway attachment, so that state a plugin keeps by design across attachments (a bridge,
    /// top-level chains, an IPAM store's stamp or lock files) exists before a check measures what one attachment
    /// leaves behind.
    /// </summary>
    public async Task WarmUpAsync(string rule, Harness.Contract.RuleLevel level)
    {
        var warm = NewAttachment();
        Require(await AddAsync(warm), "ADD of a warm-up attachment", rule, level);
        Require(await DelAsync(warm), "DEL of the warm-up attachment", rule, level);
    }

    /// <summary>Runs the partners before the plugin under test (ADD), so its request can carry their result.</summary>
    public async Task<StepResult> PrepareAsync(Attachment a)
    {
        JsonObject? prev = null;
        foreach (var member in a.Network.Before)
        {
            var (record, version) = await CallMemberAsync(member, CniCommand.Add, a, prev, a.Sandbox.Path);
            var json = record.Succeeded ? FirstDocument(record) as JsonObject : null;
            if (json is null)
            {
                return new StepResult { Succeeded = false, PartnerFailure = (member, record) };
            }

            prev = version == Version ? json : Convert(json, version, Version) ?? json;
        }

        a.SubjectPrevResult = prev;
        return new StepResult { Succeeded = true, Result = prev };
    }

    /// <summary>DEL through the chain in reverse order, each plugin with the cached final result (R32).</summary>
    public async Task<StepResult> DelAsync(Attachment a, DelOptions? options = null)
    {
        options ??= DelOptions.Default;
        var prev = options.WithPrevResult && SpecVersions.HasDelPrevResult(Version) ? a.Result : null;
        var netns = options.Netns ?? a.Sandbox.Path;
        InvocationRecord? subject = null;
        (ChainMember, InvocationRecord)? partnerFailure = null;
        foreach (var member in a.Network.Members.Reverse())
        {
            var (record, _) = await CallMemberAsync(member, CniCommand.Del, a, prev, netns);
            if (member.IsSubject)
            {
                subject = record;
            }
            else if (!record.Succeeded)
            {
                partnerFailure ??= (member, record);
            }
        }

        return new StepResult { Succeeded = subject!.Succeeded && partnerFailure is null, Subject = subject, PartnerFailure = partnerFailure };
    }

    /// <summary>
    /// CHECK of the plugin under test with the chain's ADD result as <c>prevResult</c> (R52). Only the plugin under
    /// test is asked: a partner's CHECK that trips over the plugin's legitimate changes (bridge looking for a
    /// gateway route that sbr moved to another table) would be the partner's defect, not the plugin's (P32 "allow
    /// later chained plugins to have modified resources").
    /// </summary>
    public async Task<StepResult> CheckAsync(Attachment a)
    {
        var (record, _) = await CallMemberAsync(a.Network.Subject, CniCommand.Check, a, a.Result, a.Sandbox.Path);
        return new StepResult { Succeeded = record.Succeeded, Subject = record };
    }

    /// <summary>GC of the network with <paramref name="valid"/> as the attachments to keep (SPEC 1.1 GC, R53).</summary>
    public async Task<StepResult> GcAsync(IReadOnlyList<Attachment> valid, GcKeys keys = GcKeys.Both)
    {
        InvocationRecord? subject = null;
        foreach (var member in Plan.Network.Members)
        {
            var request = BuildRequest(Plan.Network, member, MemberVersion(member), null, null);
            JsonNode List() => new JsonArray([.. valid.Select(v => (JsonNode)new JsonObject { ["containerID"] = v.ContainerId, ["ifname"] = v.IfName })]);
            if (keys != GcKeys.AttachmentsOnly)
            {
                request[ValidAttachmentsKey] = List();
            }

            if (keys != GcKeys.ValidAttachmentsOnly)
            {
                request[AttachmentsKey] = List();
            }

            var record = await InvokeMemberAsync(member, CniCommand.Gc, null, Encode(request), null);
            if (member.IsSubject)
            {
                subject = record;
            }

            if (!record.Succeeded)
            {
                return member.IsSubject
                    ? new StepResult { Succeeded = false, Subject = record }
                    : new StepResult { Succeeded = false, Subject = subject, PartnerFailure = (member, record) };
            }
        }

        return new StepResult { Succeeded = true, Subject = subject };
    }

    /// <summary>STATUS of the plugin under test (SPEC 1.1 STATUS, R35): the plugin object with name and cniVersion only.</summary>
    public Task<InvocationRecord> StatusAsync() =>
        InvokeMemberAsync(Plan.Network.Subject, CniCommand.Status, null,
            Encode(BuildRequest(Plan.Network, Plan.Network.Subject, Version, null, null)), null);

    /// <summary>VERSION with only <c>CNI_COMMAND</c> set (P10) and <paramref name="askVersion"/> on stdin.</summary>
    public Task<InvocationRecord> VersionAsync(string askVersion)
    {
        var request = new InvocationRequest(CniCommand.Version, null, null, null, [], [],
            Encoding.UTF8.GetBytes(new JsonObject { ["cniVersion"] = askVersion }.ToJsonString()))
        {
            Timeout = Plan.Options.Timeout,
            OmitVariables = new HashSet<string>(["CNI_CONTAINERID", "CNI_NETNS", "CNI_IFNAME", "CNI_ARGS", "CNI_PATH"]),
        };
        return ExecuteSubjectAsync(request, askVersion);
    }

    /// <summary>The request the plugin under test gets for <paramref name="a"/> (run <see cref="PrepareAsync"/> first in a chain).</summary>
    public JsonObject SubjectRequest(Attachment a, JsonObject? prevResult = null) =>
        BuildRequest(a.Network, a.Network.Subject, Version, a, prevResult ?? a.SubjectPrevResult);

    /// <summary>
    /// Calls the plugin under test with exactly <paramref name="stdin"/>; <paramref name="tweak"/> may change the
    /// request (omit or override variables) to send bad input on purpose.
    /// </summary>
    public Task<InvocationRecord> InvokeSubjectAsync(string command, Attachment a, byte[] stdin,
        Func<InvocationRequest, InvocationRequest>? tweak = null) =>
        InvokeMemberAsync(a.Network.Subject, command, a, stdin, a.Sandbox.Path, tweak);

    /// <summary>The version <paramref name="member"/> is called at when the chain speaks <see cref="Version"/>.</summary>
    internal string MemberVersion(ChainMember member) =>
        member.IsSubject ? Version : Plan.PartnerVersion(member, Version) ?? Version;

    private async Task<(InvocationRecord Record, string Version)> CallMemberAsync(ChainMember member, string command, Attachment a,
        JsonObject? prevResult, string? netns)
    {
        var version = MemberVersion(member);
        var prev = prevResult is null || version == Version ? prevResult : Convert(prevResult, Version, version);
        var request = BuildRequest(a.Network, member, version, a, prev);
        return (await InvokeMemberAsync(member, command, a, Encode(request), netns), version);
    }

    private JsonObject BuildRequest(NetworkSpec network, ChainMember member, string version, Attachment? a, JsonObject? prevResult)
    {
        var config = NetworkSpec.Render(member, Host.IpamDir);
        var request = new JsonObject { ["cniVersion"] = version, ["name"] = network.Name };
        foreach (var (key, value) in config)
        {
            if (key is not ("cniVersion" or "name"))
            {
                request[key] = value?.DeepClone();
            }
        }

        if (a is not null && CapabilityArgs.For(member, a.Index) is { } runtimeConfig)
        {
            request["runtimeConfig"] = runtimeConfig;
        }

        if (prevResult is not null)
        {
            request["prevResult"] = prevResult.DeepClone();
        }

        return request;
    }

    private Task<InvocationRecord> InvokeMemberAsync(ChainMember member, string command, Attachment? a, byte[] stdin, string? netns,
        Func<InvocationRequest, InvocationRequest>? tweak = null)
    {
        var request = new InvocationRequest(command, a?.ContainerId ?? $"cnitest-{Slug(CheckId)}", netns, a?.IfName ?? IfName, [],
            Plan.CniPath, stdin) { Timeout = Plan.Options.Timeout };
        if (tweak is not null)
        {
            request = tweak(request);
        }

        return member.IsSubject ? ExecuteSubjectAsync(request, VersionOf(stdin)) : _executor.ExecuteAsync(member.BinaryPath, request, Ct);
    }

    private async Task<InvocationRecord> ExecuteSubjectAsync(InvocationRequest request, string requestVersion)
    {
        var record = await _executor.ExecuteAsync(Plan.PluginPath, request, Ct);
        Record(record, requestVersion);
        return record;
    }

    internal static byte[] Encode(JsonObject request) => Encoding.UTF8.GetBytes(request.ToJsonString());

    /// <summary>The first JSON document on stdout, or null.</summary>
    internal static JsonNode? FirstDocument(InvocationRecord record)
    {
        try
        {
            var reader = new System.Text.Json.Utf8JsonReader(record.Stdout, new System.Text.Json.JsonReaderOptions { AllowMultipleValues = true });
            return JsonNode.Parse(ref reader);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string VersionOf(byte[] stdin)
    {
        try
        {
            return JsonNode.Parse(stdin) is JsonObject o && o["cniVersion"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
        }
        catch (System.Text.Json.JsonException)
        {
            return "";
        }
    }

    private static JsonObject? Convert(JsonObject result, string from, string to)
    {
        try
        {
            return ResultParser.Parse(result, from).ConvertTo(to).ToJson();
        }
        catch (Harness.Errors.CniHarnessException)
        {
            return null;
        }
    }
}
