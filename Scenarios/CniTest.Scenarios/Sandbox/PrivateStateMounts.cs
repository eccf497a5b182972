using CniTest.Harness.Sandbox;
using CniTest.Harness.Sandbox.Interop;

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
        using (File.Create(pinPath))
        {
        }

        var tid = 0;
        Exception? error = null;
        using var ready = new ManualResetEventSlim();
        using var pinned = new ManualResetEventSlim();
        var thread = new Thread(() =>
        {
            try
            {
                Libc.Check(Libc.unshare(Libc.CLONE_NEWNS), "unshare(CLONE_NEWNS)");
                // Must succeed before any mount below: otherwise the overlays would propagate to the machine.
                Libc.Check(Libc.mount(null, "/", null, Libc.MS_REC | Libc.MS_SLAVE, (string?)null), "mount --make-rslave /");
                foreach (var target in Targets.Where(Directory.Exists))
                {
                    var upper = UpperDir(stateDir, target);
                    var work = Path.Combine(Path.GetDirectoryName(upper)!, "work");
                    Directory.CreateDirectory(upper);
                    Directory.CreateDirectory(work);
                    Libc.Check(Libc.mount("overlay", target, "overlay", 0, $"lowerdir={target},upperdir={upper},workdir={work}"),
                        $"mount overlay on {target}");
                }

                tid = Libc.gettid();
            }
            catch (Exception e)
            {
                error = e;
            }

            ready.Set();
            pinned.Wait(); // the namespace lives as long as this thread until it is pinned
        })
        {
            IsBackground = true,
            Name = "cnitest-mntns",
        };
        thread.Start();
        ready.Wait();
        try
        {
            if (error is not null)
            {
                throw new EnvironmentProblemException(
                    $"cannot give plugins private /var/lib and /run (overlay mounts): {error.Message}", error);
            }

            Libc.Check(Libc.mount($"/proc/self/task/{tid}/ns/mnt", pinPath, null, Libc.MS_BIND, (string?)null),
                $"mount --bind mount namespace on {pinPath}");
        }
        finally
        {
            pinned.Set();
            thread.Join();
        }
    }

    /// <summary>Makes <paramref name="dir"/> a shared bind mount of itself, so mounts below it propagate to slaves.</summary>
    public static void MakeSharedDirectory(string dir)
    {
        Directory.CreateDirectory(dir);
        Libc.Check(Libc.mount(dir, dir, null, Libc.MS_BIND, (string?)null), $"mount --bind {dir}");
        Libc.Check(Libc.mount(null, dir, null, Libc.MS_SHARED, (string?)null), $"mount --make-shared {dir}");
    }

    /// <summary>True when the kernel and the filesystem under <paramref name="stateDir"/> allow it (probed once).</summary>
    internal static bool Disabled => Environment.GetEnvironmentVariable("CNITEST_NO_PRIVATE_MOUNTS") == "1";

    internal static void EnsureRoot()
    {
        if (!NetworkNamespace.CanCreate)
        {
            throw new EnvironmentProblemException("cnitest run needs root: it creates network namespaces for the fake host and the sandboxes");
        }
    }
}
