using System.Runtime.CompilerServices;
using CniTest.Harness.Sandbox;
using Xunit;

namespace CniTest.TestSupport;

/// <summary>
/// What privileged tests need: root (network namespaces) and, unless a test says it needs root only, Debian's
/// reference plugins. On a developer machine without them the tests say they skipped, with the reason; under CI
/// (CI=true) they always run, so a missing prerequisite fails loudly instead of passing as a skip (STYLE example 15c).
/// </summary>
public static class Privileges
{
    /// <summary>Where Debian's containernetworking-plugins live.</summary>
    public const string ReferencePluginDir = "/usr/lib/cni";

    /// <summary>Why a test that needs root and the reference plugins skipped.</summary>
    public const string SkipReason =
        "needs root (network namespaces) and Debian's containernetworking-plugins in /usr/lib/cni (.ci/run installs them)";

    /// <summary>Why a test that needs root only skipped.</summary>
    public const string RootOnlySkipReason = "needs root (network namespaces)";

    /// <summary>True under CI, where nothing privileged may skip.</summary>
    public static bool InCi => Environment.GetEnvironmentVariable("CI") == "true";

    /// <summary>Root and the reference plugins are there (always true under CI).</summary>
    public static bool CanRun => InCi
        || (NetworkNamespace.CanCreate && File.Exists(Path.Combine(ReferencePluginDir, "bridge"))
            && File.Exists(Path.Combine(ReferencePluginDir, "host-local")));

    /// <summary>Root is there (always true under CI).</summary>
    public static bool CanRunAsRoot => InCi || NetworkNamespace.CanCreate;

    /// <summary>Makes <paramref name="test"/> skip unless it can run; the one place the skip rule is written.</summary>
    internal static void Guard(FactAttribute test, bool rootOnly)
    {
        test.Skip = rootOnly ? RootOnlySkipReason : SkipReason;
        test.SkipUnless = rootOnly ? nameof(CanRunAsRoot) : nameof(CanRun);
        test.SkipType = typeof(Privileges);
    }
}

/// <summary>A fact that runs only as root with the reference plugins installed (see <see cref="Privileges"/>).</summary>
public sealed class PrivilegedFactAttribute : FactAttribute
{
    private bool _rootOnly;

    public PrivilegedFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber) => Privileges.Guard(this, rootOnly: false);

    /// <summary>The test needs root but not the reference plugins (it runs none).</summary>
    public bool RootOnly
    {
        get => _rootOnly;
        set => Privileges.Guard(this, _rootOnly = value);
    }
}

/// <summary>A theory that runs only as root with the reference plugins installed (see <see cref="Privileges"/>).</summary>
public sealed class PrivilegedTheoryAttribute : TheoryAttribute
{
    private bool _rootOnly;

    public PrivilegedTheoryAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber) => Privileges.Guard(this, rootOnly: false);

    /// <summary>The test needs root but not the reference plugins (it runs none).</summary>
    public bool RootOnly
    {
        get => _rootOnly;
        set => Privileges.Guard(this, _rootOnly = value);
    }
}
