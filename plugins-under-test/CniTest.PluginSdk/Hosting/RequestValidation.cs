using System.Text.RegularExpressions;
using CniTest.PluginSdk.Errors;

namespace CniTest.PluginSdk.Hosting;

/// <summary>Identifier checks from Go's <c>pkg/utils</c> (run by skel before dispatch; checklist R13).</summary>
internal static partial class RequestValidation
{
    /// <summary>Container ids and network names: <c>^[a-zA-Z0-9][a-zA-Z0-9_.\-]*$</c>.</summary>
    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9_.\-]*$")]
    private static partial Regex Identifier();

    public static void ContainerId(string id)
    {
        if (!Identifier().IsMatch(id))
            throw new CniPluginException(CniErrorCodes.InvalidEnvironmentVariables, $"invalid characters in CNI_CONTAINERID \"{id}\"");
    }

    public static void NetworkName(string? name)
    {
        if (string.IsNullOrEmpty(name))
            throw new CniPluginException(CniErrorCodes.InvalidNetworkConfig, "missing network name");
        if (!Identifier().IsMatch(name))
            throw new CniPluginException(CniErrorCodes.InvalidNetworkConfig, $"invalid characters found in network name \"{name}\"");
    }

    /// <summary>Linux interface names: 1–15 bytes, not <c>.</c>/<c>..</c>, no <c>/</c>, <c>:</c> or whitespace.</summary>
    public static void IfName(string name)
    {
        var problem = name switch
        {
            "" => "is empty",
            "." or ".." => "is a reserved name",
            _ when name.Length > 15 => "is longer than 15 characters",
            _ when name.AsSpan().IndexOfAny("/: \t\n\r\v\f") >= 0 => "contains '/', ':' or whitespace",
            _ => null,
        };
        if (problem is not null)
            throw new CniPluginException(CniErrorCodes.InvalidEnvironmentVariables, $"CNI_IFNAME \"{name}\" {problem}");
    }
}
