using System.Text;
using System.Text.RegularExpressions;
using CniTest.Harness.Errors;

namespace CniTest.Harness.Operations;

/// <summary>A request the runtime refuses before any plugin runs; carries the spec code libcni would use.</summary>
/// <param name="error">The error object a plugin would have answered with.</param>
public sealed class RuntimeValidationException(CniErrorObject error) : CniHarnessException(error.ToString())
{
    /// <summary>The refusal as a CNI error object (code 7 for a bad network name, 4 for a bad container id or ifname).</summary>
    public CniErrorObject Error { get; } = error;
}

/// <summary>Network name, container id and interface name rules (R9–R11; libcni <c>pkg/utils</c>).</summary>
public static partial class NameValidation
{
    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.\\-]*$")]
    private static partial Regex ValidName();

    /// <summary>R9: code 7 when empty or when it has characters outside the spec's set.</summary>
    public static void ValidateNetworkName(string name)
    {
        if (name.Length == 0)
        {
            throw Fail(CniErrorCodes.InvalidNetworkConfig, "missing network name", null);
        }

        if (!ValidName().IsMatch(name))
        {
            throw Fail(CniErrorCodes.InvalidNetworkConfig, "invalid characters found in network name", name);
        }
    }

    /// <summary>R10: empty is code 3 (libcni's choice, kept for fidelity), bad characters code 4.</summary>
    public static void ValidateContainerId(string id)
    {
        if (id.Length == 0)
        {
            throw Fail(CniErrorCodes.UnknownContainer, "missing containerID", null);
        }

        if (!ValidName().IsMatch(id))
        {
            throw Fail(CniErrorCodes.InvalidEnvironmentVariables, "invalid characters in containerID", id);
        }
    }

    /// <summary>R11: Linux <c>dev_valid_name</c>: 1–15 bytes, not "." or "..", no '/', ':' or whitespace; code 4.</summary>
    public static void ValidateInterfaceName(string ifName)
    {
        string? problem = ifName.Length == 0 ? "interface name is empty"
            : Encoding.UTF8.GetByteCount(ifName) > 15 ? "interface name is too long"
            : ifName is "." or ".." ? "interface name is . or .."
            : ifName.Any(c => c is '/' or ':' || char.IsWhiteSpace(c)) ? "interface name contains / or : or whitespace characters"
            : null;
        if (problem is not null)
        {
            throw Fail(CniErrorCodes.InvalidEnvironmentVariables, problem, ifName);
        }
    }

    private static RuntimeValidationException Fail(uint code, string msg, string? details) =>
        new(new CniErrorObject(code, msg, details));
}
