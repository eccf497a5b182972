namespace CniTest.Netlink;

/// <summary>
/// errno values (asm-generic/errno-base.h, asm-generic/errno.h) that callers compare with
/// <see cref="NetlinkException.Errno"/>, e.g. EEXIST when two plugins race to create the same bridge (plugins#366).
/// </summary>
public static class Errno
{
#pragma warning disable CS1591 // the kernel names are the documentation
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int ESRCH = 3;
    public const int EINTR = 4;
    public const int EBADF = 9;
    public const int EBUSY = 16;
    public const int EEXIST = 17;
    public const int ENODEV = 19;
    public const int EINVAL = 22;
    public const int ERANGE = 34;
    public const int EPROTO = 71;
    public const int EBADMSG = 74;
    public const int EMSGSIZE = 90;
    public const int EOPNOTSUPP = 95;
    public const int EADDRNOTAVAIL = 99;
    public const int ENETUNREACH = 101;
    public const int EHOSTUNREACH = 113;
#pragma warning restore CS1591
}
