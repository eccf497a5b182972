using CniTest.Ipam;

namespace CniTest.Bridge.Ipam;

/// <summary>Chooses how to reach the IPAM plugin named by <c>ipam.type</c>.</summary>
internal static class IpamFactory
{
    /// <summary>The type name of our own IPAM plugin (the cnitest-ipam binary).</summary>
    public const string OwnIpamType = "cnitest-ipam";

    /// <summary>
    /// cnitest-ipam runs in-process (unless CNITEST_BRIDGE_EXEC_IPAM=1, which benchmarks and comparisons use to
    /// measure the exec path); any other type is exec'd from CNI_PATH.
    /// </summary>
    public static IIpam Create(string type) =>
        type == OwnIpamType && Environment.GetEnvironmentVariable("CNITEST_BRIDGE_EXEC_IPAM") != "1"
            ? new InProcessIpam(new HostLocalIpam(), type)
            : new ExecIpam(type);
}
