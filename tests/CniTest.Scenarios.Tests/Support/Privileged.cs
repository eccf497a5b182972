using System.Runtime.CompilerServices;
using CniTest.Harness.Sandbox;
using Xunit;

namespace CniTest.Scenarios.Tests.Support;

/// <summary>
/// Root tests need network namespaces and Debian's reference plugins. Skipped with the reason on a developer
/// machine without them; under CI (CI=true) they always run, so a missing prerequisite fails loudly.
/// </summary>
public static class Privileges
{
    public const string ReferencePluginDir = "/usr/lib/cni";

    public static bool CanRun => Environment.GetEnvironmentVariable("CI") == "true"
                                 || (NetworkNamespace.CanCreate && File.Exists(Path.Combine(ReferencePluginDir, "bridge")));

    public const string SkipReason =
        "needs root (network namespaces) and Debian's containernetworking-plugins in /usr/lib/cni (apt-get install containernetworking-plugins)";
}

/// <summary>A fact that runs only as root with the reference plugins installed (see <see cref="Privileges"/>).</summary>
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

/// <summary>A theory that runs only as root with the reference plugins installed (see <see cref="Privileges"/>).</summary>
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
