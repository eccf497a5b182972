using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CniTest.Harness.Invocation;
using CniTest.Harness.Results;
using CniTest.Harness.Versioning;

namespace CniTest.Harness.Contract.Rules;

/// <summary>P16: the ADD result has its version's shape (the per-version result or IPAM-result schema).</summary>
internal sealed partial class ResultSchema : OutputRule
{
    public override ContractRule Rule { get; } = new("result.schema", "P16", RuleLevel.Must,
        "The ADD result matches the result schema of its version (IPAM result schema for a delegated IPAM plugin): keys, types, CIDRs, IPs, MACs.");

    public override void Check(ContractInput input, List<ContractViolation> into)
    {
        if (input.ResultCheck is not { } check)
        {
            return;
        }

        foreach (var v in check.Violations.Where(v => !IsStrayIpsVersion(check, v) && !IsIpamAbbreviation(check, v)))
        {
            Report(into, $"result (schema {SchemaPath(check)}): {v}");
        }
    }

    internal static string SchemaPath(ResultSchemaCheck check) => Schemas.SchemaCatalog.FilePath(check.Kind, check.Version);

    internal static bool IsStrayIpsVersion(ResultSchemaCheck check, Schemas.SchemaViolation v) =>
        check.Family == ResultFamily.V100 && v.Rule == "not" && IpsVersion().IsMatch(v.Path);

    internal static bool IsIpamAbbreviation(ResultSchemaCheck check, Schemas.SchemaViolation v) =>
        check.Kind == Schemas.SchemaKind.IpamResult && v.Rule == "not" && (v.Path == "interfaces" || IpsInterface().IsMatch(v.Path));

    [GeneratedRegex(@"^ips\[\d+\]\.version$")]
    private static partial Regex IpsVersion();

    [GeneratedRegex(@"^ips\[\d+\]\.interface$")]
    private static partial Regex IpsInterface();
}

/// <summary>P16 errata: a <c>version</c> key in a 1.x <c>ips[]</c> entry is unknown, not invalid: warn.</summary>
internal sealed class ResultIpsVersionUnknown : OutputRule
{
    public override ContractRule Rule { get; } = new("result.ips-version-unknown", "P16", RuleLevel.Should,
        "A 1.x result has no ips[].version (removed in 1.0.0; decoders ignore it, so this only warns).");

    public override void Check(ContractInput input, List<ContractViolation> into)
    {
        if (input.ResultCheck is not { } check)
        {
            return;
        }

        foreach (var v in check.Violations.Where(v => ResultSchema.IsStrayIpsVersion(check, v)))
        {
            Report(into, $"{v.Path}: \"version\" is not part of a {check.Version} result (removed in 1.0.0)");
        }
    }
}

/// <summary>P24: a delegated IPAM plugin returns the abbreviated result (MUST in 1.x, SHOULD in 0.x).</summary>
internal sealed class IpamAbbreviated : OutputRule
{
    public override ContractRule Rule { get; } = new("ipam.abbreviated", "P24", RuleLevel.Must,
        "A delegated IPAM plugin's result has no interfaces and no ips[].interface (MUST in 1.x, SHOULD in 0.x).");

    public override void Check(ContractInput input, List<ContractViolation> into)
    {
        if (input.ResultCheck is not { } check)
        {
            return;
        }

        var level = check.Family == ResultFamily.V100 ? RuleLevel.Must : RuleLevel.Should;
        foreach (var v in check.Violations.Where(v => ResultSchema.IsIpamAbbreviation(check, v)))
        {
            Report(into, level, $"{v.Path}: an IPAM plugin does not know the interfaces; its result omits this key");
        }
    }
}

/// <summary>P15: the result is in the version the request asked for (§5 "the same version supplied on input").</summary>
internal sealed class ResultCniVersion : OutputRule
{
    public override ContractRule Rule { get; } = new("result.cni-version", "P15", RuleLevel.Must,
        "The result's cniVersion equals the request's cniVersion.");

    public override void Check(ContractInput input, List<ContractViolation> into)
    {
        if (input.Command != CniCommand.Add || !input.Succeeded || input.Stdout.Single is not JsonObject result)
        {
            return;
        }

        switch (result["cniVersion"])
        {
            case null:
                Report(into, $"result has no cniVersion; expected \"{input.RequestCniVersion}\" (libcni tolerates this and assumes the request's)");
                break;
            case JsonValue v when v.TryGetValue<string>(out var s):
                if (s != input.RequestCniVersion)
                {
                    Report(into, $"result cniVersion is \"{s}\", the request's is \"{input.RequestCniVersion}\"");
                }

                break;
        }
    }
}

/// <summary>P17 (SHOULD per errata): every <c>ips[].interface</c> indexes an entry of <c>interfaces</c>.</summary>
internal sealed class ResultInterfaceIndex : OutputRule
{
    public override ContractRule Rule { get; } = new("result.interface-index", "P17", RuleLevel.Should,
        "Each ips[].interface is a valid index into the result's interfaces.");

    public override void Check(ContractInput input, List<ContractViolation> into)
    {
        if (input.ResultCheck is not { Family: not ResultFamily.V020 } check || input.IsDelegatedIpam)
        {
            return;
        }

        var count = (check.Result["interfaces"] as JsonArray)?.Count ?? 0;
        foreach (var (ip, i) in ResultItems.Of(check.Result, "ips"))
        {
            if (ip["interface"] is JsonValue v && v.TryGetValue<long>(out var index) && index >= count)
            {
                Report(into, $"ips[{i}].interface is {index}, but the result lists {count} interface(s)");
            }
        }
    }
}

/// <summary>P16: in 0.3.x/0.4.0, <c>ips[].version</c> names the family of its address and gateway.</summary>
internal sealed class ResultIpVersionConsistent : OutputRule
{
    public override ContractRule Rule { get; } = new("result.ip-version-consistent", "P16", RuleLevel.Must,
        "In 0.3.x/0.4.0 results, ips[].version is \"4\" for IPv4 and \"6\" for IPv6 address and gateway.");

    public override void Check(ContractInput input, List<ContractViolation> into)
    {
        if (input.ResultCheck is not { Family: ResultFamily.V040 } check)
        {
            return;
        }

        foreach (var (ip, i) in ResultItems.Of(check.Result, "ips"))
        {
            var version = ResultItems.String(ip, "version");
            if (version is not ("4" or "6"))
            {
                continue; // the schema reports it
            }

            foreach (var key in new[] { "address", "gateway" })
            {
                if (ResultItems.IsIPv4(ResultItems.String(ip, key)) is { } isV4 && isV4 != (version == "4"))
                {
                    Report(into, $"ips[{i}] has version \"{version}\" but its {key} {ResultItems.String(ip, key)} is IPv{(isV4 ? 4 : 6)}");
                }
            }
        }
    }
}

/// <summary>P16 (shapes): "All IP addresses in the routes entry must be the same IP version".</summary>
internal sealed class ResultRouteFamily : OutputRule
{
    public override ContractRule Rule { get; } = new("result.route-family", "P16", RuleLevel.Must,
        "A route's dst and gw are of the same IP version.");

    public override void Check(ContractInput input, List<ContractViolation> into)
    {
        if (input.ResultCheck is not { Family: not ResultFamily.V020 } check)
        {
            return;
        }

        foreach (var (route, i) in ResultItems.Of(check.Result, "routes"))
        {
            if (ResultItems.IsIPv4(ResultItems.String(route, "dst")) is { } dst
                && ResultItems.IsIPv4(ResultItems.String(route, "gw")) is { } gw && dst != gw)
            {
                Report(into, $"routes[{i}] mixes IP versions: dst {ResultItems.String(route, "dst")}, gw {ResultItems.String(route, "gw")}");
            }
        }
    }
}

/// <summary>
/// P18: an interface inside the container names the container's namespace in <c>sandbox</c> (MUST in
/// 0.3.x/0.4.0, SHOULD in 1.x). Checked for the interface named CNI_IFNAME and for every interface that claims a
/// sandbox at all.
/// </summary>
internal sealed class ResultSandbox : OutputRule
{
    public override ContractRule Rule { get; } = new("result.sandbox", "P18", RuleLevel.Should,
        "The container interface's sandbox equals CNI_NETNS (MUST in 0.3.x/0.4.0, SHOULD in 1.x).");

    public override void Check(ContractInput input, List<ContractViolation> into)
    {
        var netns = input.Env("CNI_NETNS");
        if (input.ResultCheck is not { Family: not ResultFamily.V020 } check || input.IsDelegatedIpam || netns.Length == 0)
        {
            return;
        }

        var level = check.Family == ResultFamily.V040 ? RuleLevel.Must : RuleLevel.Should;
        var ifName = input.Env("CNI_IFNAME");
        foreach (var (iface, i) in ResultItems.Of(check.Result, "interfaces"))
        {
            var sandbox = ResultItems.String(iface, "sandbox") ?? "";
            var name = ResultItems.String(iface, "name");
            if (sandbox.Length > 0 && sandbox != netns)
            {
                Report(into, level, $"interfaces[{i}] ({name}) has sandbox \"{sandbox}\", but CNI_NETNS is \"{netns}\"");
            }
            else if (sandbox.Length == 0 && name == ifName && ifName.Length > 0)
            {
                Report(into, level, $"interfaces[{i}] is the container interface {name} but has no sandbox; expected \"{netns}\"");
            }
        }
    }
}

/// <summary>Lenient readers for the cross-field rules: anything malformed is the schema's to report.</summary>
internal static class ResultItems
{
    public static IEnumerable<(JsonObject Item, int Index)> Of(JsonObject result, string key) =>
        result[key] is JsonArray a
            ? a.Select((n, i) => (n as JsonObject, i)).Where(p => p.Item1 is not null).Select(p => (p.Item1!, p.i))
            : [];

    public static string? String(JsonObject o, string key) =>
        o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>The family of an address with or without prefix; null when absent or unparsable.</summary>
    public static bool? IsIPv4(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (Cidr.TryParse(text, out var cidr))
        {
            return cidr.IsIPv4;
        }

        return IPText.TryParse(text, out var ip) ? IPText.IsIPv4(ip) : null;
    }
}
