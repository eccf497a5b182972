using CniTest.Harness.Sandbox;

namespace CniTest.Scenarios.Sandbox;

/// <summary>
/// A mount namespace, pinned on a file, in which <c>/var/lib</c> and <c>/run</c> are overlays whose writes land in
/// a private directory. Plugins are started in it, so host-local's default <c>/var/lib/cni/networks</c>, tuning's
/// <c>/run/cni/tuning</c> and any other state a plugin keeps never reach the machine (issue 5 "Isolation"), and the
/// leak diff can list exactly what a plugin left behind.
/// </summary>
/// <remarks>
/// The namespace is made a slave of the machine's before anything is mounted in it, so nothing propagates back.
/// Network namespace pins are created later in a directory that is a shared mount (see <see cref="FakeHost"/>),
/// so they propagate into this namespace and plugins can open <c>CNI_NETNS</c>.
/// </remarks>
internal static class PrivateStateMounts
{
    /// <summary>The directories made private; they are overlays, so plugins still read what the machine has there.</summary>
    public static IReadOnlyList<string> Targets { get; } = ["/var/lib", "/run"];

    /// <summary>The overlay upper directory of <paramref name="target"/> under <paramref name="stateDir"/>.</summary>
    public static string UpperDir(string stateDir, string target) =>
        Path.Combine(stateDir, target.Trim('/').Replace('/', '-'), "upper");

    /// <summary>Creates the namespace and pins it at <paramref name="pinPath"/>.</summary>
    public static void Create(string pinPath, string stateDir)
    {
        try
        {
            // MountNamespace makes the namespace a slave of the machine's before these overlays are mounted.
            MountNamespace.CreatePinned(pinPath, () =>
            {
                foreach (var target in Targets.Where(Directory.Exists))
                {
                    var upper = UpperDir(stateDir, target);
                    var work = Path.Combine(Path.GetDirectoryName(upper)!, "work");
                    Directory.CreateDirectory(upper);
                    Directory.CreateDirectory(work);
                    Mounts.Overlay(target, upper, work);
                }
            });
        }
        catch (Exception e) when (e is SandboxException or IOException or UnauthorizedAccessException)
        {
            throw new EnvironmentProblemException(
                $"cannot give plugins private /var/lib and /run (overlay mounts): {e.Message}", e);
        }
    }

    /// <summary>Makes <paramref name="dir"/> a shared bind mount of itself, so mounts below it propagate to slaves.</summary>
    public static void MakeSharedDirectory(string dir)
    {
        Directory.CreateDirectory(dir);
        Mounts.Bind(dir, dir);
        Mounts.MakeShared(dir);
    }

    /// <summary>True when <c>CNITEST_NO_PRIVATE_MOUNTS=1</c> turns the mount namespace off (Sandbox/README.md).</summary>
    internal static bool Disabled => Environment.GetEnvironmentVariable("CNITEST_NO_PRIVATE_MOUNTS") == "1";

    internal static void EnsureRoot()
    {
        if (!NetworkNamespace.CanCreate)
        {
            throw new EnvironmentProblemException("cnitest run needs root: it creates network namespaces for the fake host and the sandboxes");
        }
    }
}
