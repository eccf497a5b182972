namespace CniTest.Bridge.Ipam;

/// <summary>Chooses how to reach the IPAM plugin named by <c>ipam.type</c>.</summary>
internal static class IpamFactory
{
    /// <summary>Any type: exec the binary from CNI_PATH.</summary>
    public static IIpam Create(string type) => new ExecIpam(type);
}
