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

    /// <summary>
    /// Where the fake host's sandbox pins also appear to plugins: runtimes pin network namespaces under
    /// <c>/run/netns</c> (containerd and CRI-O as <c>/var/run/netns</c>, a symlink to it), so the runtime personas
    /// (Runtimes/) can pass <c>CNI_NETNS</c> in a runtime's own shape.
    /// </summary>
    public const string RunNetnsDir = "/run/netns";

    /// <summary>
    /// Creates the namespace and pins it at <paramref name="pinPath"/>; with <paramref name="netnsDir"/>, that
    /// directory is also bound onto <see cref="RunNetnsDir"/> inside it.
    /// </summary>
    public static void Create(string pinPath, string stateDir, string? netnsDir = null)
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

                // /run/netns of the plugins' view is the fake host's netns/ directory, bound after /run became a
                // private overlay: the machine's /run/netns is neither read nor written. The source is a slave copy
                // of a shared mount, so the bind is a slave of the same master and every sandbox pinned later (and
                // every pin removed) shows up here too: /run/netns/cni-UUID is then the very namespace the suite
                // pinned as netns/cni-UUID, which its own probes keep opening by the pin path. A runtime-shaped
                // path made only by name (the pin's file name under the run directory) would leave plugins that
                // care about the directory (ip netns, /var/run/netns lookups) untested.
                if (netnsDir is not null && Directory.Exists("/run"))
                {
                    Directory.CreateDirectory(RunNetnsDir);
                    Mounts.Bind(netnsDir, RunNetnsDir);
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
