using System.Text.Json.Nodes;

namespace CniTest.Harness.Results.V040;

/// <summary>An entry of <c>interfaces</c> in a 0.3.x/0.4.0 result: name, mac, sandbox (checklist §3.4).</summary>
public sealed record Interface040
{
    /// <summary><c>name</c>: the interface name (in the sandbox when <see cref="Sandbox"/> is set).</summary>
    public required string Name { get; init; }

    /// <summary><c>mac</c>: the hardware address as text, when the plugin gave one.</summary>
    public string? Mac { get; init; }

    /// <summary>The netns path for interfaces inside a sandbox; absent for host interfaces.</summary>
    public string? Sandbox { get; init; }

    /// <summary>Go's key order: name, mac, sandbox; absent members are omitted.</summary>
    public JsonObject ToJson()
    {
        var o = new JsonObject { ["name"] = Name };
        ResultJson.AddIfPresent(o, "mac", Mac);
        ResultJson.AddIfPresent(o, "sandbox", Sandbox);
        return o;
    }

    internal static Interface040 FromJson(JsonObject o, string path) => new()
    {
        Name = ResultJson.String(o, "name", path) ?? "",
        Mac = ResultJson.OptionalString(o, "mac", path),
        Sandbox = ResultJson.OptionalString(o, "sandbox", path),
    };
}
