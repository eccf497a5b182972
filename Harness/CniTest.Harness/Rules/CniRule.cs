using System.Text.Json.Serialization;

namespace CniTest.Harness.Rules;

/// <summary>
/// One obligation of the rule catalogue (<c>schemas/rules/cni-rules.json</c>): the id that code, tests and
/// output cite (P27, R32), who must honour it, how strongly at each spec version, where it is stated, what it asks
/// in our own words, and the upstream bugs behind it.
/// </summary>
public sealed record CniRule
{
    /// <summary>The stable id: <c>P</c> and a number for plugin rules, <c>R</c> and a number for runtime rules.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>Who must honour the rule.</summary>
    [JsonPropertyName("side")]
    public required RuleSide Side { get; init; }

    /// <summary>Where the rule comes from (spec, conventions, libcni, skel).</summary>
    [JsonPropertyName("source")]
    public required RuleSource Source { get; init; }

    /// <summary>The level at the newest version in <see cref="SpecVersions"/>; <see cref="LevelAt"/> for any other.</summary>
    [JsonPropertyName("level")]
    public required CniRuleLevel Level { get; init; }

    /// <summary>
    /// For rules whose level changed between versions (the checklist errata "Levels by version"), the level at each
    /// version of <see cref="SpecVersions"/>; null when the level is the same at all of them.
    /// </summary>
    [JsonPropertyName("levels")]
    public IReadOnlyDictionary<string, CniRuleLevel>? Levels { get; init; }

    /// <summary>The spec versions the rule applies to, oldest first.</summary>
    [JsonPropertyName("specVersions")]
    public required IReadOnlyList<string> SpecVersions { get; init; }

    /// <summary>Where the rule is stated, e.g. <c>SPEC §2 DEL</c> or <c>libcni conf.go LoadNetworkConf</c>.</summary>
    [JsonPropertyName("section")]
    public required string Section { get; init; }

    /// <summary>A short title.</summary>
    [JsonPropertyName("title")]
    public required string Title { get; init; }

    /// <summary>What the rule asks, in one to three sentences of our own words.</summary>
    [JsonPropertyName("requirement")]
    public required string Requirement { get; init; }

    /// <summary>Upstream bugs behind the rule (<c>cni#732</c>, <c>tigera/operator#4969</c>); see <see cref="RuleCatalog.BugUrl"/>.</summary>
    [JsonPropertyName("bugs")]
    public IReadOnlyList<string> Bugs { get; init; } = [];

    /// <summary>Quirks, Go-only behaviour and version history; null when there is nothing to add.</summary>
    [JsonPropertyName("notes")]
    public string? Notes { get; init; }

    /// <summary>True when the rule applies at <paramref name="version"/> (exact version text, e.g. <c>1.0.0</c>).</summary>
    public bool AppliesTo(string version) => SpecVersions.Contains(version);

    /// <summary>The level at <paramref name="version"/>; null when the rule does not apply there.</summary>
    public CniRuleLevel? LevelAt(string version) =>
        !AppliesTo(version) ? null
        : Levels is not null && Levels.TryGetValue(version, out var level) ? level
        : Level;
}
