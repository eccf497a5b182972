using CniTest.Harness.Results.V040;

namespace CniTest.Harness.Results.V100;

/// <summary>Conversions between the 1.x family and 0.3.x/0.4.0 (R42), used by <see cref="ResultConverter"/>.</summary>
internal static class Convert100
{
    /// <summary>Drops <c>ips[].version</c>; copies interfaces (name/mac/sandbox), interface indexes, all route fields and dns.</summary>
    public static Result100 From040(Result040 from, string toVersion) => new()
    {
        CniVersion = toVersion,
        Interfaces = [.. from.Interfaces.Select(i => new Interface100 { Name = i.Name, Mac = i.Mac, Sandbox = i.Sandbox })],
        IPs = [.. from.IPs.Select(ip => new IPConfig100 { Interface = ip.Interface, Address = ip.Address, Gateway = ip.Gateway })],
        Routes = from.Routes,
        Dns = from.Dns,
    };

    /// <summary>
    /// Computes <c>ips[].version</c> from the address ("4" for IPv4 and IPv4-mapped IPv6, else "6"); drops the
    /// interface fields 0.4.0 lacks (<c>mtu</c>, <c>socketPath</c>, <c>pciID</c>); keeps every route field, because
    /// Go shares the route type (checklist §5.16, §5.17).
    /// </summary>
    public static Result040 To040(Result100 from, string toVersion) => new()
    {
        CniVersion = toVersion,
        Interfaces = [.. from.Interfaces.Select(i => new Interface040 { Name = i.Name, Mac = i.Mac, Sandbox = i.Sandbox })],
        IPs = [.. from.IPs.Select(ip => new IPConfig040
        {
            Version = ip.Address.IsIPv4 ? "4" : "6",
            Interface = ip.Interface,
            Address = ip.Address,
            Gateway = ip.Gateway,
        })],
        Routes = from.Routes,
        Dns = from.Dns,
    };
}
