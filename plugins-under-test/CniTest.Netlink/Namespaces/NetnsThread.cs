using System.Runtime.ExceptionServices;

namespace CniTest.Netlink.Namespaces;

/// <summary>
/// Runs work inside a network namespace on a fresh, dedicated OS thread (README.md in this folder). The thread
/// enters the namespace, runs the callback synchronously, and ends: it is never reused, so there is nothing to
/// restore and no way for the namespace to leak into other work (the failure plugins pkg/ns Do() guards against).
/// </summary>
public static class NetnsThread
{
    /// <summary>Runs <paramref name="action"/> inside the namespace at <paramref name="netnsPath"/>.</summary>
    /// <exception cref="NetnsNotFoundException">The path does not exist.</exception>
    /// <exception cref="NotANetnsException">The path is not a namespace file.</exception>
    public static T Run<T>(string netnsPath, Func<T> action)
    {
        using var handle = NetnsHandle.Open(netnsPath);
        return Run(handle, action);
    }

    /// <inheritdoc cref="Run{T}(string, Func{T})"/>
    public static void Run(string netnsPath, Action action) => Run(netnsPath, () =>
    {
        action();
        return true;
    });

    /// <summary>Runs <paramref name="action"/> inside the namespace <paramref name="netns"/> refers to.</summary>
    public static T Run<T>(NetnsHandle netns, Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(netns);
        ArgumentNullException.ThrowIfNull(action);
        T? result = default;
        ExceptionDispatchInfo? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                Interop.CheckIo(Interop.Libc.setns(netns, Interop.Libc.CLONE_NEWNET), $"setns {netns.Path}");
                result = action();
            }
            catch (Exception e)
            {
                error = ExceptionDispatchInfo.Capture(e);
            }
        })
        {
            IsBackground = true,
            Name = "netns",
        };
        thread.Start();
        thread.Join();
        error?.Throw();
        return result!;
    }

    /// <inheritdoc cref="Run{T}(NetnsHandle, Func{T})"/>
    public static void Run(NetnsHandle netns, Action action) => Run(netns, () =>
    {
        action();
        return true;
    });
}
