using System.Text.Json.Serialization;

namespace CniTest.Harness.Rules;

/// <summary>Where a rule comes from: the spec, the conventions, or what the Go reference code does.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RuleSource>))]
public enum RuleSource
{
    /// <summary>A statement of SPEC.md at one of the tagged versions (or on main, where the notes say so).</summary>
    [JsonStringEnumMemberName("SPEC")]
    Spec,

    /// <summary>A statement of CONVENTIONS.md.</summary>
    [JsonStringEnumMemberName("CONVENTIONS")]
    Conventions,

    /// <summary>What Go's libcni does: reference behaviour a compatible runtime reproduces, not spec text.</summary>
    [JsonStringEnumMemberName("LIBCNI")]
    Libcni,

    /// <summary>What Go plugins built on <c>pkg/skel</c> do: never required of other plugins.</summary>
    [JsonStringEnumMemberName("SKEL")]
    Skel,

    /// <summary>
    /// The pod network model runtimes rely on when they call a plugin (pods reach their gateway and each other
    /// without NAT: Kubernetes' model); not CNI spec text, judged by the connectivity checks.
    /// </summary>
    [JsonStringEnumMemberName("NETWORK-MODEL")]
    NetworkModel,
}
