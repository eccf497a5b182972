using System.Runtime.InteropServices;
using CniTest.Netlink;

internal static partial class Interop
{
    /// <summary>
    /// Turns a syscall's -1 into a <see cref="NetlinkException"/> carrying errno, so each call site is one line
    /// (dotnet/runtime Interop.IOErrors.cs <c>CheckIo</c>). Must run right after the P/Invoke, before anything
    /// else can overwrite the saved error.
    /// </summary>
    internal static int CheckIo(int result, string operation)
    {
        if (result < 0)
        {
            throw new NetlinkException(operation, Marshal.GetLastPInvokeError());
        }

        return result;
    }

    /// <inheritdoc cref="CheckIo(int, string)"/>
    internal static nint CheckIo(nint result, string operation)
    {
        if (result < 0)
        {
            throw new NetlinkException(operation, Marshal.GetLastPInvokeError());
        }

        return result;
    }
}
