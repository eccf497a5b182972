using System.Runtime.InteropServices;
using System.Text;

namespace CniTest.Netlink.Sysctl;

/// <summary>
/// Reads and writes kernel parameters through /proc/sys. Everything under /proc/sys/net belongs to the network
/// namespace of the thread that opens the file, so call these inside <see cref="Namespaces.NetnsThread"/> to
/// act on a container's or a fake host's namespace. Plain syscalls, no FileStream: procfs files are not
/// seekable and take one write per value.
/// </summary>
public static class Sysctl
{
    /// <summary>
    /// Turns "net.ipv4.ip_forward" into "/proc/sys/net/ipv4/ip_forward". A name that already contains '/' is used
    /// as is, so interface names with dots ("net/ipv4/conf/eth0.1/forwarding") stay intact.
    /// </summary>
    public static string PathOf(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var relative = name.Contains('/') ? name.TrimStart('/') : name.Replace('.', '/');
        if (relative.Split('/').Any(part => part is "" or "." or ".."))
        {
            throw new ArgumentException($"'{name}' is not a sysctl name", nameof(name));
        }

        return "/proc/sys/" + relative;
    }

    /// <summary>Equivalent to: <c>sysctl -n NAME</c>; the trailing newline is removed.</summary>
    /// <exception cref="NetlinkException">Errno ENOENT when there is no such parameter.</exception>
    public static string Read(string name)
    {
        var path = PathOf(name);
        using var fd = OpenFile(path, Interop.Libc.O_RDONLY);
        return ReadAll(fd, path);
    }

    /// <summary>Equivalent to: <c>sysctl -w NAME=VALUE</c>.</summary>
    /// <exception cref="NetlinkException">Errno ENOENT when there is no such parameter, EINVAL for a rejected value.</exception>
    public static void Write(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var path = PathOf(name);
        using var fd = OpenFile(path, Interop.Libc.O_WRONLY);
        WriteAll(fd, path, value);
    }

    /// <summary>Writes <paramref name="value"/> only when the current value differs (saves a write on the hot path).</summary>
    public static void Ensure(string name, string value)
    {
        if (Read(name) != value)
        {
            Write(name, value);
        }
    }

    internal static unsafe string ReadAll(FileDescriptorHandle fd, string path)
    {
        var buffer = new byte[4096];
        var total = 0;
        while (true)
        {
            nint read;
            fixed (byte* p = &buffer[total])
            {
                read = Interop.Libc.read(fd, p, (nuint)(buffer.Length - total));
            }

            Interop.CheckIo(read, $"read {path}");
            if (read == 0)
            {
                break;
            }

            total += (int)read;
            if (total == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }

        return Encoding.UTF8.GetString(buffer, 0, total).TrimEnd('\n');
    }

    internal static unsafe void WriteAll(FileDescriptorHandle fd, string path, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        fixed (byte* p = bytes)
        {
            var written = Interop.CheckIo(Interop.Libc.write(fd, p, (nuint)bytes.Length), $"write {path}");
            if (written != bytes.Length)
            {
                throw new NetlinkException($"write {path}", Errno.EINVAL, message: $"write {path}: short write ({written} of {bytes.Length} bytes)");
            }
        }
    }

    private static FileDescriptorHandle OpenFile(string path, int flags)
    {
        Diagnostics.KernelCallTrace.SysctlOpen(path, fromRoot: true);
        var fd = Interop.Libc.open(path, flags | Interop.Libc.O_CLOEXEC);
        if (fd < 0)
        {
            throw new NetlinkException($"open {path}", Marshal.GetLastPInvokeError());
        }

        return new FileDescriptorHandle(fd);
    }
}
