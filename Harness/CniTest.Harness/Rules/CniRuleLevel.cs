using System.Text.Json.Serialization;

namespace CniTest.Harness.Rules;

/// <summary>
/// How strongly a catalogue rule binds at one spec version. Wider than <see cref="Contract.RuleLevel"/>, which is
/// what a finding is judged by: the catalogue also records conventions and statements without a keyword.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<CniRuleLevel>))]
public enum CniRuleLevel
{
    /// <summary>MUST (RFC 2119 keyword in the spec text).</summary>
    [JsonStringEnumMemberName("MUST")]
    Must,

    /// <summary>SHOULD.</summary>
    [JsonStringEnumMemberName("SHOULD")]
    Should,

    /// <summary>MAY: a permission, never a failure.</summary>
    [JsonStringEnumMemberName("MAY")]
    May,

    /// <summary>A rule of CONVENTIONS.md, whatever its wording.</summary>
    [JsonStringEnumMemberName("CONVENTION")]
    Convention,

    /// <summary>A habit of Go's skel or libcni that other implementations need not share.</summary>
    [JsonStringEnumMemberName("GO-ONLY")]
    GoOnly,

    /// <summary>Stated without a keyword at that version, or reference behaviour of libcni.</summary>
    [JsonStringEnumMemberName("NONE")]
    None,
}
