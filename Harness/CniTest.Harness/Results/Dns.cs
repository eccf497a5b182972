using System.Text.Json.Nodes;

namespace CniTest.Harness.Results;

/// <summary>The result's <c>dns</c> object, shared by every family (checklist §3.4; Go <c>types.DNS</c>).</summary>
public sealed record Dns
{
    public static Dns Empty { get; } = new();

    public IReadOnlyList<string> Nameservers { get; init; } = [];
    public string? Domain { get; init; }
    public IReadOnlyList<string> Search { get; init; } = [];
    public IReadOnlyList<string> Options { get; init; } = [];

    /// <summary>No member set: 1.x results omit such a <c>dns</c>, 0.x results still write <c>{}</c> (checklist §5.15).</summary>
    public bool IsEmpty =>
        Nameservers.Count == 0 && string.IsNullOrEmpty(Domain) && Search.Count == 0 && Options.Count == 0;

    /// <summary>Members with Go's <c>omitempty</c>: an empty <see cref="Dns"/> writes <c>{}</c>.</summary>
    public JsonObject ToJson()
    {
        var o = new JsonObject();
        ResultJson.AddIfAny(o, "nameservers", Nameservers, s => JsonValue.Create(s));
        ResultJson.AddIfPresent(o, "domain", Domain);
        ResultJson.AddIfAny(o, "search", Search, s => JsonValue.Create(s));
        ResultJson.AddIfAny(o, "options", Options, s => JsonValue.Create(s));
        return o;
    }

    internal static Dns FromJson(JsonObject? o, string path) => o is null ? Empty : new Dns
    {
        Nameservers = ResultJson.Strings(o, "nameservers", path),
        Domain = ResultJson.OptionalString(o, "domain", path),
        Search = ResultJson.Strings(o, "search", path),
        Options = ResultJson.Strings(o, "options", path),
    };
}
