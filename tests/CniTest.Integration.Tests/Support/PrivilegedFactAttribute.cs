using System.Runtime.CompilerServices;
using CniTest.Harness.Sandbox;
using Xunit;

namespace CniTest.Integration.Tests.Support;

/// <summary>
/// A test that needs root and Debian's reference plugins. It says it skipped, with the reason, when they are
/// missing on a developer machine; under CI (CI=true) it always runs, so a missing prerequisite fails loudly
/// instead of passing as a skip (STYLE example 15c).
/// </summary>
public sealed class PrivilegedFactAttribute : FactAttribute
{
    public PrivilegedFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        Skip = Privileges.SkipReason;
        SkipUnless = nameof(Privileges.CanRun);
        SkipType = typeof(Privileges);
    }
}

public static class Privileges
{
    public const string ReferencePluginDir = "/usr/lib/cni";

    public static bool InCi => Environment.GetEnvironmentVariable("CI") == "true";

    public static bool CanRun => InCi || (NetworkNamespace.CanCreate && File.Exists(Path.Combine(ReferencePluginDir, "bridge")));

    public static string SkipReason =>
        "needs root (network namespaces) and Debian's containernetworking-plugins in /usr/lib/cni; .ci/run installs them";
}
