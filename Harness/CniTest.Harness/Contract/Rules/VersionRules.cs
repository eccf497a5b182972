using System.Text.Json.Nodes;
using CniTest.Harness.Invocation;
using CniTest.Harness.Schemas;
using CniTest.Harness.Versioning;

namespace CniTest.Harness.Contract.Rules;

/// <summary>P10: the VERSION reply has the reply schema's shape (supportedVersions is P12's).</summary>
internal sealed class VersionSchema : OutputRule
{
    public override ContractRule Rule { get; } = new("version.schema", "P10", RuleLevel.Must,
        "The VERSION reply is {\"cniVersion\", \"supportedVersions\"} as the version-reply schema describes.");

    public override void Check(ContractInput input, List<ContractViolation> into)
    {
        if (VersionReply.Of(input) is not { } reply)
        {
            return;
        }

        var own = VersionReply.CniVersion(reply);
        var version = own is not null && SchemaCatalog.Has(SchemaKind.VersionReply, own) ? own
            : SchemaCatalog.Has(SchemaKind.VersionReply, input.EffectiveVersion) ? input.EffectiveVersion
            : CniVersion.Current.ToString();
        foreach (var v in SchemaValidator.Validate(SchemaKind.VersionReply, version, reply)
                     .Where(v => !v.Path.StartsWith("supportedVersions", StringComparison.Ordinal)))
        {
            Report(into, $"VERSION reply (schema {version}): {v}");
        }
    }
}

/// <summary>
/// P11 (a 1.x rule, errata): the reply's cniVersion is the request's. Go's skel answers with its own library
/// version whatever was asked (cni#826): reported as a Go-only deviation when the reply names the newest version
/// the plugin lists.
/// </summary>
internal sealed class VersionReplyVersion : OutputRule
{
    public override ContractRule Rule { get; } = new("version.reply-version", "P11", RuleLevel.Must,
        "In 1.x, the VERSION reply's cniVersion equals the request's (Go plugins answer with their library's version: Go-only).");

    public override void Check(ContractInput input, List<ContractViolation> into)
    {
        if (VersionReply.Of(input) is not { } reply || !input.VersionAtLeast(CniVersion.V100)
            || VersionReply.CniVersion(reply) is not { } answered || answered == input.RequestCniVersion)
        {
            return;
        }

        var newest = VersionReply.Supported(reply).Select(s => CniVersion.TryParse(s, out var v, out _) ? v : (CniVersion?)null)
            .Where(v => v is not null).Max();
        var library = newest is { } n && CniVersion.TryParse(answered, out var a, out _) && a == n;
        Report(into, library ? RuleLevel.GoOnly : RuleLevel.Must,
            $"VERSION was asked with cniVersion \"{input.RequestCniVersion}\" but answered \"{answered}\"" +
            (library ? " (its newest supported version: Go's skel answers with its library version, cni#826)" : ""));
    }
}

/// <summary>P12: supportedVersions is a non-empty array of version strings (absent only in a 0.2.0 reply).</summary>
internal sealed class VersionSupportedVersions : OutputRule
{
    public override ContractRule Rule { get; } = new("version.supported-versions", "P12", RuleLevel.Must,
        "supportedVersions is a non-empty array of X.Y.Z version strings (it may be absent only when cniVersion is 0.2.0).");

    public override void Check(ContractInput input, List<ContractViolation> into)
    {
        if (VersionReply.Of(input) is not { } reply)
        {
            return;
        }

        switch (reply["supportedVersions"])
        {
            case null when VersionReply.CniVersion(reply) == "0.2.0":
                return; // means ["0.1.0", "0.2.0"] (libcni)
            case null:
                Report(into, "VERSION reply has no supportedVersions");
                return;
            case JsonArray { Count: 0 }:
                // "non-empty" is libcni's rule, not spec text (errata P12), but libcni rejects such a plugin.
                Report(into, RuleLevel.Should, "supportedVersions is empty (libcni rejects the plugin)");
                return;
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    var text = list[i] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
                    if (text is null || !IsVersion(text))
                    {
                        Report(into, $"supportedVersions[{i}] is {list[i]?.ToJsonString() ?? "null"}, not a version string X.Y.Z");
                    }
                }

                return;
            case var other:
                Report(into, $"supportedVersions is {other.ToJsonString()}, not an array");
                return;
        }
    }

    private static bool IsVersion(string text)
    {
        var parts = text.Split('.');
        return parts.Length == 3 && parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit));
    }
}

/// <summary>The reply object of a successful VERSION call, if there is one.</summary>
internal static class VersionReply
{
    public static JsonObject? Of(ContractInput input) =>
        input.Command == CniCommand.Version && input.Succeeded ? input.Stdout.Single as JsonObject : null;

    public static string? CniVersion(JsonObject reply) =>
        reply["cniVersion"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static IEnumerable<string> Supported(JsonObject reply) =>
        reply["supportedVersions"] is JsonArray a
            ? a.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>()
            : [];
}
