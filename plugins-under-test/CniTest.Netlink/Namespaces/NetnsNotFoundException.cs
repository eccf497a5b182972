namespace CniTest.Netlink.Namespaces;

/// <summary>
/// The namespace path does not exist (plugins pkg/ns NSPathNotExistErr). DEL treats this as success: the
/// container, and everything in its namespace, is already gone.
/// </summary>
public sealed class NetnsNotFoundException : NetlinkException
{
    internal NetnsNotFoundException(string path)
        : base($"open {path}", CniTest.Netlink.Errno.ENOENT, message: $"network namespace {path} does not exist")
    {
        Path = path;
    }

    /// <summary>The path that was looked up.</summary>
    public string Path { get; }
}
