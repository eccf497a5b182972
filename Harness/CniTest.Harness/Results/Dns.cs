using System.Text.Json.Nodes;

namespace CniTest.Harness.Results;

/// <summary>The result's <c>dns</c> object, shared by every family (checklist §3.4; Go <c>types.DNS</c>).</summary>
public sealed record Dns
{
    /// <summary>A <c>dns</c> with no member set, what a result without <c>dns</c> has.</summary>
    public static Dns Empty { get; } = new();

    /// <summary><c>nameservers</c>: resolver addresses in priority order, as text.</summary>
    public IReadOnlyList<string> Nameservers { get; init; } = [];

    /// <summary><c>domain</c>: the local domain for short-name lookups.</summary>
    public string? Domain { get; init; }

    /// <summary><c>search</c>: search domains in priority order.</summary>
    public IReadOnlyList<string> Search { get; init; } = [];

    /// <summary><c>options</c>: options for the resolver, as in resolv.conf.</summary>
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
