namespace CniTest.Scenarios.Sandbox;

/// <summary>How a fake host is set up before the plugin runs (<c>--host-profile</c>).</summary>
public enum HostProfile
{
    /// <summary>A fresh network namespace: forwarding off, no firewall rules, the way a new namespace starts.</summary>
    Plain,

    /// <summary>
    /// A node as a Docker installation leaves it: iptables FORWARD policy DROP (IPv4 and IPv6), forwarding on, and
    /// bridged traffic passed to iptables (<c>bridge-nf-call-iptables=1</c>, per namespace on this kernel). Pods on one
    /// bridge then only talk where something accepts their traffic in FORWARD.
    /// </summary>
    Docker,
}

/// <summary>Applies a <see cref="HostProfile"/> to a fake host, inside its namespace only.</summary>
public static class HostProfiles
{
    /// <summary>The profile's name as <c>--host-profile</c> and the reports spell it.</summary>
    public static string Name(HostProfile profile) => profile == HostProfile.Docker ? "docker" : "plain";

    /// <summary>Sets <paramref name="host"/> up as <paramref name="profile"/> describes.</summary>
    public static async Task ApplyAsync(FakeHost host, HostProfile profile, CancellationToken ct = default)
    {
        if (profile != HostProfile.Docker)
        {
            return;
        }

        await HelperCommand.RunCheckedAsync(host.NetnsPath, "iptables", ["-P", "FORWARD", "DROP"], ct: ct);
        await HelperCommand.RunCheckedAsync(host.NetnsPath, "ip6tables", ["-P", "FORWARD", "DROP"], ct: ct);
        NetSysctl.Write(host.NetnsPath, DockerSysctls);
    }

    private static readonly (string Key, string Value)[] DockerSysctls =
    [
        ("ipv4/ip_forward", "1"),
        ("ipv6/conf/all/forwarding", "1"),
        ("bridge/bridge-nf-call-iptables", "1"),
        ("bridge/bridge-nf-call-ip6tables", "1"),
    ];
}
