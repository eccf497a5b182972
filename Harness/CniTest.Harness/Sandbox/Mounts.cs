using CniTest.Harness.Sandbox.Interop;

namespace CniTest.Harness.Sandbox;

/// <summary>
/// The mount(2) operations a sandbox needs, each named after its util-linux equivalent. They act on the mount
/// namespace of the calling thread, which is the machine's unless the thread joined another: there, use them only
/// on paths the caller created (a private directory, a pin file). Overlays belong inside a namespace made by
/// <see cref="MountNamespace.CreatePinned"/>, where they cannot propagate back.
/// </summary>
public static class Mounts
{
    /// <summary>Equivalent to: <c>mount --bind SOURCE TARGET</c>.</summary>
    /// <exception cref="SandboxException">The kernel refused; the message names the call and the errno.</exception>
    public static void Bind(string source, string target) =>
        Libc.Check(Libc.mount(source, target, null, Libc.MS_BIND, (string?)null), $"mount --bind {source} {target}");

    /// <summary>
    /// Equivalent to: <c>mount --make-shared TARGET</c>. Mounts made below <paramref name="target"/> later also appear
    /// in the mount namespaces that hold a slave copy of it (how a pin created after a <see cref="MountNamespace"/>
    /// reaches the processes inside it). <paramref name="target"/> must be a mount point (see <see cref="Bind"/>).
    /// </summary>
    /// <exception cref="SandboxException">The kernel refused.</exception>
    public static void MakeShared(string target) =>
        Libc.Check(Libc.mount(null, target, null, Libc.MS_SHARED, (string?)null), $"mount --make-shared {target}");

    /// <summary>
    /// Equivalent to: <c>mount -t overlay overlay -o lowerdir=TARGET,upperdir=UPPER,workdir=WORK TARGET</c>: reads of
    /// <paramref name="target"/> still see what is there, writes land in <paramref name="upperDir"/>. Call it only
    /// inside the set-up of <see cref="MountNamespace.CreatePinned"/>; in the machine's namespace it would cover the
    /// machine's directory for everyone.
    /// </summary>
    /// <exception cref="SandboxException">The kernel or the filesystem refused.</exception>
    public static void Overlay(string target, string upperDir, string workDir) =>
        Libc.Check(Libc.mount("overlay", target, "overlay", 0, $"lowerdir={target},upperdir={upperDir},workdir={workDir}"),
            $"mount overlay on {target}");

    /// <summary>
    /// Equivalent to: <c>umount --lazy TARGET</c>. Never throws, so cleanup goes on: returns false when nothing was
    /// mounted at <paramref name="target"/> or the kernel refused.
    /// </summary>
    public static bool DetachUnmount(string target) => Libc.umount2(target, Libc.MNT_DETACH) == 0;
}
