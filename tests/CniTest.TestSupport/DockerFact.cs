using System.Runtime.CompilerServices;
using Xunit;

namespace CniTest.TestSupport;

/// <summary>
/// What Docker tests (<c>--sandbox docker</c>, issue 11) need beyond <see cref="Privileges"/>: dockerd (Debian's
/// docker.io) and a static busybox for the sandbox image (busybox-static). They skip with the reason elsewhere; under
/// CI (CI=true) they always run, so a missing prerequisite fails instead of passing as a skip.
/// </summary>
public static class DockerPrerequisites
{
    /// <summary>Why a Docker test skipped.</summary>
    public const string SkipReason =
        "needs root, Debian's containernetworking-plugins, dockerd (docker.io) and busybox-static (.ci/run installs them)";

    /// <summary>Root, the reference plugins, dockerd and busybox are there (always true under CI).</summary>
    public static bool CanRun => Privileges.InCi || (Privileges.CanRun && DockerdInstalled && BusyboxInstalled);

    private static bool DockerdInstalled =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/usr/bin"])
        .Any(d => d.Length > 0 && File.Exists(Path.Combine(d, "dockerd")));

    private static bool BusyboxInstalled => File.Exists("/bin/busybox") || File.Exists("/usr/bin/busybox");
}

/// <summary>A fact that runs only where Docker sandboxes can (see <see cref="DockerPrerequisites"/>).</summary>
public sealed class DockerFactAttribute : FactAttribute
{
    public DockerFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        Skip = DockerPrerequisites.SkipReason;
        SkipUnless = nameof(DockerPrerequisites.CanRun);
        SkipType = typeof(DockerPrerequisites);
    }
}

/// <summary>A theory that runs only where Docker sandboxes can (see <see cref="DockerPrerequisites"/>).</summary>
public sealed class DockerTheoryAttribute : TheoryAttribute
{
    public DockerTheoryAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        Skip = DockerPrerequisites.SkipReason;
        SkipUnless = nameof(DockerPrerequisites.CanRun);
        SkipType = typeof(DockerPrerequisites);
    }
}
