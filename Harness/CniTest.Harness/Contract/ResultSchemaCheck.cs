using System.Text.Json.Nodes;
using CniTest.Harness.Results;
using CniTest.Harness.Schemas;
using CniTest.Harness.Versioning;

namespace CniTest.Harness.Contract;

/// <summary>
/// The schema validation of a successful ADD's output, done once and shared by the rules that split its
/// violations (result.schema, result.ips-version-unknown, ipam.abbreviated).
/// </summary>
internal sealed record ResultSchemaCheck(JsonObject Result, string Version, ResultFamily Family, SchemaKind Kind,
    IReadOnlyList<SchemaViolation> Violations)
{
    /// <summary>
    /// Validates against the result's own version when it names a spec version (so that a wrong version is
    /// reported once, by result.cni-version, instead of as a cascade of shape errors), else the request's.
    /// Null when ADD did not succeed with one JSON document, or there is no schema for either version.
    /// <see cref="Result"/> is the document when it is an object, else an empty object (so cross-field rules see nothing).
    /// </summary>
    public static ResultSchemaCheck? For(ContractInput input)
    {
        if (input.Command != Invocation.CniCommand.Add || !input.Succeeded || !input.Stdout.IsSingle)
        {
            return null;
        }

        // A document that is not an object (null, an array, a string) is still validated: the schema says why.
        var document = input.Stdout.Single;
        var result = document as JsonObject ?? [];

        var own = result["cniVersion"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        var version = SpecVersions.IsKnown(own) ? own! : input.EffectiveVersion;
        if (!SpecVersions.IsKnown(version) || !ResultFamilies.TryGetFamily(version, out var family))
        {
            return null;
        }

        var kind = input.IsDelegatedIpam ? SchemaKind.IpamResult : SchemaKind.Result;
        return new ResultSchemaCheck(result, version, family, kind, SchemaValidator.Validate(kind, version, document));
    }
}
