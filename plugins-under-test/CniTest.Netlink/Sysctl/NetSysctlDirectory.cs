using System.Runtime.InteropServices;

namespace CniTest.Netlink.Sysctl;

/// <summary>
/// The sysctls of the calling thread's network namespace, opened through one directory descriptor per top-level
/// directory below <c>/proc/sys/net</c> (<c>ipv4</c>, <c>ipv6</c>, …), each opened on first use. Why: <c>net</c>
/// is one directory shared by all namespaces, and every namespace that looked up its <c>ipv4</c> (or <c>ipv6</c>)
/// left a dentry of that name under it; they share one dcache hash chain, and the kernel compares against each
/// (<c>__d_lookup</c> → <c>proc_sys_compare</c>). With 300 namespaces an absolute sysctl open took 170–240 µs
/// instead of 25–30 µs, while an open relative to the namespace's own <c>ipv4</c> stayed at 14–20 µs (measured here,
/// issue 14). So each ADD pays that walk once per family and namespace, not once per parameter. Create and use it
/// on the thread in the target namespace (see <see cref="Namespaces.NetnsThread"/>).
/// </summary>
public sealed class NetSysctlDirectory : IDisposable
{
    private const string Root = "/proc/sys/net";
    private readonly Dictionary<string, FileDescriptorHandle> _directories = new(StringComparer.Ordinal);

    private NetSysctlDirectory()
    {
    }

    /// <summary>An empty set of directories for the calling thread's namespace; nothing is opened until used.</summary>
    public static NetSysctlDirectory Open() => new();

    /// <summary>Equivalent to: <c>sysctl -n net.NAME</c>, with NAME relative to <c>net</c>, e.g. <c>ipv4/ip_forward</c>.</summary>
    /// <exception cref="NetlinkException">Errno ENOENT when there is no such parameter.</exception>
    public string Read(string name)
    {
        var (relative, path) = Resolve(name);
        using var fd = OpenAt(relative, path, Interop.Libc.O_RDONLY);
        return Sysctl.ReadAll(fd, path);
    }

    /// <summary>Equivalent to: <c>sysctl -w net.NAME=VALUE</c>, with NAME relative to <c>net</c>.</summary>
    /// <exception cref="NetlinkException">Errno ENOENT when there is no such parameter, EINVAL for a rejected value.</exception>
    public void Write(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var (relative, path) = Resolve(name);
        using var fd = OpenAt(relative, path, Interop.Libc.O_WRONLY);
        Sysctl.WriteAll(fd, path, value);
    }

    /// <summary>Writes <paramref name="value"/> only when the current value differs.</summary>
    public void Ensure(string name, string value)
    {
        if (Read(name) != value)
        {
            Write(name, value);
        }
    }

    /// <summary>Closes the directories opened so far.</summary>
    public void Dispose()
    {
        foreach (var fd in _directories.Values)
        {
            fd.Dispose();
        }

        _directories.Clear();
    }

    /// <summary>"ipv6/conf/eth0/accept_dad" (or "net/ipv6/…") → the part below net, and the full path for messages.</summary>
    private static (string Relative, string Path) Resolve(string name)
    {
        if (!name.Contains('/'))
        {
            throw new ArgumentException($"'{name}' is not a sysctl path below net (e.g. ipv4/ip_forward)", nameof(name));
        }

        var path = Sysctl.PathOf(name.StartsWith("net/", StringComparison.Ordinal) ? name : "net/" + name);
        var relative = path[(Root.Length + 1)..];
        return relative.Contains('/')
            ? (relative, path)
            : throw new ArgumentException($"'{name}' is a directory, not a sysctl", nameof(name));
    }

    private FileDescriptorHandle OpenAt(string relative, string path, int flags)
    {
        var slash = relative.IndexOf('/', StringComparison.Ordinal);
        var top = relative[..slash];
        if (!_directories.TryGetValue(top, out var directory))
        {
            var directoryPath = $"{Root}/{top}";
            Diagnostics.KernelCallTrace.SysctlOpen(directoryPath, fromRoot: true);
            var dirFd = Interop.Libc.open(directoryPath, Interop.Libc.O_PATH | Interop.Libc.O_DIRECTORY | Interop.Libc.O_CLOEXEC);
            if (dirFd < 0)
            {
                throw new NetlinkException($"open {directoryPath}", Marshal.GetLastPInvokeError());
            }

            directory = new FileDescriptorHandle(dirFd);
            _directories.Add(top, directory);
        }

        Diagnostics.KernelCallTrace.SysctlOpen(path, fromRoot: false);
        var fd = Interop.Libc.openat(directory, relative[(slash + 1)..], flags | Interop.Libc.O_CLOEXEC);
        if (fd < 0)
        {
            throw new NetlinkException($"open {path}", Marshal.GetLastPInvokeError());
        }

        return new FileDescriptorHandle(fd);
    }
}
