using System.Runtime.CompilerServices;
using CniTest.Harness.Sandbox;
using Xunit;

namespace CniTest.Tests.Shared;

/// <summary>
/// What privileged tests need: root (network namespaces) and Debian's reference plugins. On a developer machine
/// without them the tests say they skipped, with this reason; under CI (CI=true) they always run, so a missing
/// prerequisite fails loudly instead of passing as a skip (STYLE example 15c).
/// </summary>
public static class Privileges
{
    public const string ReferencePluginDir = "/usr/lib/cni";

    public static bool InCi => Environment.GetEnvironmentVariable("CI") == "true";

    public static bool CanRun => InCi
        || (NetworkNamespace.CanCreate && File.Exists(Path.Combine(ReferencePluginDir, "bridge"))
            && File.Exists(Path.Combine(ReferencePluginDir, "host-local")));

    public const string SkipReason =
        "needs root (network namespaces) and Debian's containernetworking-plugins in /usr/lib/cni (.ci/run installs them)";
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
