using System.Runtime.CompilerServices;
using CniTest.Harness.Sandbox;
using Xunit;

namespace CniTest.Plugins.Tests.Bridge.Support;

/// <summary>
/// Needs root (namespaces) and Debian's reference plugins (host-local as the IPAM, Go's bridge to compare with).
/// Skips with the reason elsewhere; under CI (CI=true) it always runs, so a missing prerequisite fails loudly
/// (STYLE example 15c).
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

/// <inheritdoc cref="PrivilegedFactAttribute"/>
public sealed class PrivilegedTheoryAttribute : TheoryAttribute
{
    public PrivilegedTheoryAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
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

    public static bool CanRun => Environment.GetEnvironmentVariable("CI") == "true"
        || (NetworkNamespace.CanCreate && File.Exists(Path.Combine(ReferencePluginDir, "host-local")));

    public static string SkipReason => "needs root (network namespaces) and Debian's containernetworking-plugins in /usr/lib/cni";
}
