namespace CniTest.Scenarios.Model;

/// <summary>How the plugin under test is used (issue 5 "Configs without --config").</summary>
public enum PluginRole
{
    /// <summary>Creates and configures the container interface (bridge, ptp, macvlan, loopback, …).</summary>
    Interface,
    /// <summary>Runs after an interface plugin in a conflist and receives its result as <c>prevResult</c> (tuning, portmap, …).</summary>
    Chained,
    /// <summary>Called as a delegated IPAM plugin (host-local, static, …).</summary>
    Ipam,
}

/// <summary>Names of roles on the command line and in reports.</summary>
public static class PluginRoles
{
    public static string Name(PluginRole role) => role switch
    {
        PluginRole.Chained => "chained",
        PluginRole.Ipam => "ipam",
        _ => "interface",
    };

    public static bool TryParse(string? text, out PluginRole role)
    {
        role = text switch
        {
            "interface" => PluginRole.Interface,
            "chained" => PluginRole.Chained,
            "ipam" => PluginRole.Ipam,
            _ => (PluginRole)(-1),
        };
        return Enum.IsDefined(role);
    }
}
