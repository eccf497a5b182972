using System.Text.Json.Nodes;

namespace CniTest.Harness.Results.V100;

/// <summary>
/// An entry of <c>interfaces</c> in a 1.x result (checklist §3.4). <c>mtu</c>, <c>socketPath</c> and <c>pciID</c>
/// are 1.1 fields, but Go carries them in 1.0.0 results too (R41).
/// </summary>
public sealed record Interface100
{
    /// <summary><c>name</c>: the interface name (in the sandbox when <see cref="Sandbox"/> is set).</summary>
    public required string Name { get; init; }

    /// <summary><c>mac</c>: the hardware address as text, when the plugin gave one.</summary>
    public string? Mac { get; init; }

    /// <summary><c>mtu</c> (1.1); dropped when converting down to 0.4.0 (R42).</summary>
    public int? Mtu { get; init; }

    /// <summary>The netns path (<c>CNI_NETNS</c>) for container interfaces; absent for host interfaces.</summary>
    public string? Sandbox { get; init; }

    /// <summary>Absolute path of a vhost-user or similar socket (1.1).</summary>
    public string? SocketPath { get; init; }

    /// <summary>PCI address of a device interface (1.1).</summary>
    public string? PciID { get; init; }

    /// <summary>Go's key order; <c>mtu</c> is an int with <c>omitempty</c>, so 0 is not written.</summary>
    public JsonObject ToJson()
    {
        var o = new JsonObject { ["name"] = Name };
        ResultJson.AddIfPresent(o, "mac", Mac);
        ResultJson.AddIfPresent(o, "mtu", Mtu is 0 ? null : Mtu);
        ResultJson.AddIfPresent(o, "sandbox", Sandbox);
        ResultJson.AddIfPresent(o, "socketPath", SocketPath);
        ResultJson.AddIfPresent(o, "pciID", PciID);
        return o;
    }

    internal static Interface100 FromJson(JsonObject o, string path) => new()
    {
        Name = ResultJson.String(o, "name", path) ?? "",
        Mac = ResultJson.OptionalString(o, "mac", path),
        Mtu = ResultJson.Int(o, "mtu", path),
        Sandbox = ResultJson.OptionalString(o, "sandbox", path),
        SocketPath = ResultJson.OptionalString(o, "socketPath", path),
        PciID = ResultJson.OptionalString(o, "pciID", path),
    };
}
