using System.Text.Json.Serialization;

namespace CniTest.Harness.Rules;

/// <summary>Who must honour a rule: P ids are plugin obligations, R ids runtime ones.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RuleSide>))]
public enum RuleSide
{
    /// <summary>The plugin binary (checked by <c>cnitest run</c>).</summary>
    [JsonStringEnumMemberName("plugin")]
    Plugin,

    /// <summary>The runtime calling plugins (what the Harness implements and its tests verify).</summary>
    [JsonStringEnumMemberName("runtime")]
    Runtime,
}
