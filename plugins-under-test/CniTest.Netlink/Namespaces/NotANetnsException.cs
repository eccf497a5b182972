namespace CniTest.Netlink.Namespaces;

/// <summary>
/// The path exists but is not a namespace file (plugins pkg/ns NSPathNotNSErr): neither on nsfs (a bind-mounted
/// pin) nor on procfs (/proc/PID/ns/net). Refusing here keeps setns from being handed an arbitrary file.
/// </summary>
public sealed class NotANetnsException : NetlinkException
{
    internal NotANetnsException(string path, long magic)
        : base($"statfs {path}", CniTest.Netlink.Errno.EINVAL, message: $"{path} is not a network namespace (filesystem magic 0x{magic:x})")
    {
        Path = path;
    }

    /// <summary>The path that was looked up.</summary>
    public string Path { get; }
}
