using System.Text;
using CniTest.PluginSdk.Errors;

namespace CniTest.Bridge.Skel;

/// <summary>
/// Which CNI_* variables each verb needs (Go skel's table, checklist P30) and the format rules for the container
/// ID, interface name and network name (Go pkg/utils). Violations are code 4 naming the variables (P4), or code 7
/// for the network name.
/// </summary>
internal static class EnvironmentRules
{
    /// <summary>Variables that must be non-empty for <paramref name="command"/>, in the order Go reports them.</summary>
    public static IReadOnlyList<string> Required(CniCommand command) => command switch
    {
        CniCommand.Add or CniCommand.Check => ["CNI_CONTAINERID", "CNI_NETNS", "CNI_IFNAME", "CNI_PATH"],
        CniCommand.Del => ["CNI_CONTAINERID", "CNI_IFNAME", "CNI_PATH"], // netns is optional on DEL (P27)
        CniCommand.Gc or CniCommand.Status => ["CNI_PATH"],
        _ => [],
    };

    /// <summary>Throws code 4 listing every required variable that is empty or unset.</summary>
    public static void CheckRequired(CniCommand command, PluginEnvironment environment)
    {
        var missing = Required(command).Where(name => environment.Get(name).Length == 0).ToList();
        if (missing.Count > 0)
        {
            throw new CniPluginException(CniErrorCodes.InvalidEnvironmentVariables, $"required env variables [{string.Join(',', missing)}] missing");
        }
    }

    /// <summary>Container IDs: alphanumeric first, then alphanumerics, '_', '.', '-' (SPEC §2 "Parameters").</summary>
    public static void CheckContainerId(string containerId)
    {
        if (!IsName(containerId))
        {
            throw new CniPluginException(CniErrorCodes.InvalidEnvironmentVariables, "invalid characters in containerID", containerId);
        }
    }

    /// <summary>Interface names: 1..15 bytes, not "." or "..", no '/', ':' or whitespace (Go ValidateInterfaceName).</summary>
    public static void CheckInterfaceName(string ifName)
    {
        var problem = ifName switch
        {
            "" => "interface name is empty",
            "." or ".." => "interface name is . or ..",
            _ when Encoding.UTF8.GetByteCount(ifName) > 15 => "interface name is too long",
            _ when ifName.Any(c => c is '/' or ':' || char.IsWhiteSpace(c)) => "interface name contains / or : or whitespace characters",
            _ => null,
        };
        if (problem is not null)
        {
            throw new CniPluginException(CniErrorCodes.InvalidEnvironmentVariables, $"CNI_IFNAME {problem}", ifName);
        }
    }

    /// <summary>Network names follow the container-ID rules; missing or invalid is code 7.</summary>
    public static void CheckNetworkName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new CniPluginException(CniErrorCodes.InvalidNetworkConfig, "missing network name");
        }

        if (!IsName(name))
        {
            throw new CniPluginException(CniErrorCodes.InvalidNetworkConfig, "invalid characters found in network name", name);
        }
    }

    private static bool IsName(string value) =>
        value.Length > 0
        && char.IsAsciiLetterOrDigit(value[0])
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');
}
