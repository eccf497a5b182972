using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace CniTest.Netlink.Namespaces;

/// <summary>
/// Runs work inside a network namespace on a fresh, dedicated OS thread (README.md in this folder). The thread
/// enters the namespace, runs the callback synchronously, and ends: it is never reused, so there is nothing to
/// restore and no way for the namespace to leak into other work (the failure plugins pkg/ns Do() guards against).
/// </summary>
/// <remarks>
/// The thread is a plain pthread that calls into managed code, not a <see cref="Thread"/>: NativeAOT's
/// <c>Thread.Start</c> spins on <c>sched_yield</c> until the new thread reports itself started, which on a busy
/// 2-CPU machine cost about a millisecond of every ADD (bench/plugins). pthread_create returns at once and
/// pthread_join blocks without spinning.
/// </remarks>
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
    public static T Run<T>(NetnsHandle netns, Func<T> action) => Start(netns, action).Join();

    /// <inheritdoc cref="Run{T}(NetnsHandle, Func{T})"/>
    public static void Run(NetnsHandle netns, Action action) => Run(netns, () =>
    {
        action();
        return true;
    });

    /// <summary>
    /// Starts <paramref name="action"/> inside the namespace at <paramref name="netnsPath"/> and returns without
    /// waiting, so the caller can do other work meanwhile; <see cref="Pending{T}.Join"/> must be called (it returns
    /// the result or rethrows the callback's exception).
    /// </summary>
    /// <exception cref="NetnsNotFoundException">The path does not exist.</exception>
    /// <exception cref="NotANetnsException">The path is not a namespace file.</exception>
    public static Pending<T> Start<T>(string netnsPath, Func<T> action)
    {
        var handle = NetnsHandle.Open(netnsPath);
        try
        {
            return Start(handle, action, ownsHandle: true);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <inheritdoc cref="Start{T}(string, Func{T})"/>
    public static Pending<T> Start<T>(NetnsHandle netns, Func<T> action) => Start(netns, action, ownsHandle: false);

    private static unsafe Pending<T> Start<T>(NetnsHandle netns, Func<T> action, bool ownsHandle)
    {
        ArgumentNullException.ThrowIfNull(netns);
        ArgumentNullException.ThrowIfNull(action);
        var pending = new Pending<T>(netns, action, ownsHandle);
        nuint thread;
        var error = Interop.Libc.pthread_create(&thread, null, &ThreadMain, (void*)pending.State);
        if (error != 0)
        {
            pending.Release();
            throw new NetlinkException("pthread_create", error);
        }

        pending.Thread = thread;
        return pending;
    }

    [UnmanagedCallersOnly]
    private static unsafe void* ThreadMain(void* state)
    {
        // Nothing may escape an UnmanagedCallersOnly method: Execute catches everything for Join to rethrow.
        ((IWork)GCHandle.FromIntPtr((nint)state).Target!).Execute();
        return null;
    }

    private interface IWork
    {
        void Execute();
    }

    /// <summary>Work started by <see cref="Start{T}(string, Func{T})"/>; <see cref="Join"/> it exactly once.</summary>
    public sealed class Pending<T> : IWork
    {
        private readonly NetnsHandle _netns;
        private readonly Func<T> _action;
        private readonly bool _ownsHandle;
        private T? _result;
        private ExceptionDispatchInfo? _error;
        private GCHandle _self;
        private bool _joined;

        internal Pending(NetnsHandle netns, Func<T> action, bool ownsHandle)
        {
            _netns = netns;
            _action = action;
            _ownsHandle = ownsHandle;
            _self = GCHandle.Alloc(this);
        }

        /// <summary>What the thread gets as its argument: a handle that keeps this object alive until joined.</summary>
        internal nint State => GCHandle.ToIntPtr(_self);

        internal nuint Thread { get; set; }

        /// <summary>Waits for the thread to end; returns the callback's result or rethrows its exception.</summary>
        public unsafe T Join()
        {
            if (_joined)
            {
                throw new InvalidOperationException("NetnsThread work joined twice");
            }

            _joined = true;
            var error = Interop.Libc.pthread_join(Thread, null);
            if (error != 0)
            {
                // The thread may still be running and using this object: keep it alive rather than free it.
                throw new NetlinkException("pthread_join", error);
            }

            Release();

            _error?.Throw();
            return _result!;
        }

        /// <summary>Frees the handle (and the namespace file when we opened it): the thread is gone or never ran.</summary>
        internal void Release()
        {
            _self.Free();
            if (_ownsHandle)
            {
                _netns.Dispose();
            }
        }

        void IWork.Execute()
        {
            try
            {
                Interop.CheckIo(Interop.Libc.setns(_netns, Interop.Libc.CLONE_NEWNET), $"setns {_netns.Path}");
                _result = _action();
            }
            catch (Exception e)
            {
                _error = ExceptionDispatchInfo.Capture(e);
            }
        }
    }
}
