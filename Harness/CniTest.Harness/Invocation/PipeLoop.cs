using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using CniTest.Harness.Sandbox.Interop;

namespace CniTest.Harness.Invocation;

/// <summary>
/// One background thread per process that watches every plugin call in flight with a single poll(): writes the
/// requests, reads stdout and stderr, sees the exits (pidfd) and the deadlines, and completes each watch once.
/// Why not the pipes' own ReadAsync and WaitForExitAsync: those are truly asynchronous on Linux (epoll on .NET's
/// socket engine thread; no thread sits in read(2) meanwhile), but a call then ends in 3-4 completions (the two
/// end-of-files, the exit, the drain), each waking a thread-pool worker that spins before sleeping: 0.39 ms of CPU
/// per call over a bare Process (issue 14 part 2). Here a call costs one wake (the CLI also keeps the woken worker
/// from spinning: Directory.Build.props), and no thread is blocked for a call's duration, so concurrent calls stay
/// concurrent (ConcurrencyChecks, --jobs).
/// </summary>
internal static unsafe class PipeLoop
{
    private const int ChunkSize = 64 * 1024; // a whole pipe buffer per read (Linux's default pipe size)
    private static readonly ConcurrentQueue<PluginPipes> Incoming = new();
    private static readonly Lazy<int> WakeFd = new(Start);
    private static readonly long[] One = [1];

    /// <summary>Watches <paramref name="call"/> until it finishes, times out, is cancelled or reaches its next drain step.</summary>
    public static Task<PipeOutcome> Watch(PluginPipes call)
    {
        // Continuations run on the pool, never on the loop thread (which must go back to poll at once).
        call.Completion = new TaskCompletionSource<PipeOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        Incoming.Enqueue(call);
        Wake();
        return call.Completion.Task;
    }

    /// <summary>Makes the loop look at its calls again (a new call, a cancellation).</summary>
    public static void Wake()
    {
        fixed (long* one = One)
        {
            Libc.write(WakeFd.Value, (byte*)one, sizeof(long));
        }
    }

    private static int Start()
    {
        var fd = Libc.Check(Libc.eventfd(0, Libc.EFD_NONBLOCK | Libc.EFD_CLOEXEC), "eventfd");
        new Thread(() => Run(fd)) { IsBackground = true, Name = "cnitest plugin I/O" }.Start();
        return fd;
    }

    private static void Run(int wakeFd)
    {
        var calls = new List<PluginPipes>();
        var fds = new Libc.PollFd[64];
        var owners = new PluginPipes[64];
        var chunk = (byte*)NativeMemory.Alloc(ChunkSize);
        long drained;
        for (;;)
        {
            while (Incoming.TryDequeue(out var added))
            {
                calls.Add(added);
            }

            var now = Stopwatch.GetTimestamp();
            var due = long.MaxValue;
            for (var i = calls.Count - 1; i >= 0; i--)
            {
                var call = calls[i];
                if (call.Settle(now) is { } outcome)
                {
                    calls.RemoveAt(i);
                    call.Completion!.TrySetResult(outcome);
                }
                else
                {
                    due = Math.Min(due, call.Exited ? call.WakeAt : call.Deadline);
                }
            }

            var count = 0;
            Add(ref fds, ref owners, ref count, wakeFd, Libc.POLLIN, null);
            foreach (var call in calls)
            {
                if (call.StdinFd >= 0)
                {
                    Add(ref fds, ref owners, ref count, call.StdinFd, Libc.POLLOUT, call);
                }

                if (!call.Stdout.Ended)
                {
                    Add(ref fds, ref owners, ref count, call.Stdout.Fd, Libc.POLLIN, call);
                }

                if (!call.Stderr.Ended)
                {
                    Add(ref fds, ref owners, ref count, call.Stderr.Fd, Libc.POLLIN, call);
                }

                if (!call.Exited && call.PidFd >= 0)
                {
                    Add(ref fds, ref owners, ref count, call.PidFd, Libc.POLLIN, call);
                }
            }

            var timeout = due == long.MaxValue ? -1 : (int)Math.Clamp(((due - now) * 1000 + Stopwatch.Frequency - 1) / Stopwatch.Frequency, 0, int.MaxValue);
            int ready;
            fixed (Libc.PollFd* p = fds)
            {
                ready = Libc.poll(p, (nuint)count, timeout);
            }

            if (ready <= 0)
            {
                continue; // a deadline, a drain step, or EINTR: Settle sees to it
            }

            for (var i = 0; i < count; i++)
            {
                var events = fds[i].Revents;
                if (events == 0)
                {
                    continue;
                }

                var call = owners[i];
                if (call is null)
                {
                    Libc.read(wakeFd, (byte*)&drained, sizeof(long));
                    continue;
                }

                if (call.Completion!.Task.IsCompleted)
                {
                    // Failed earlier in this round: its caller may already be closing its pipes, whose numbers the
                    // kernel can hand to another file at once; never read or write them again.
                    continue;
                }

                try
                {
                    Handle(call, fds[i].Fd, events, chunk);
                }
                catch (Exception e)
                {
                    // Never let one call's failure stop the loop every other call depends on.
                    calls.Remove(call);
                    call.Completion!.TrySetException(e);
                }
            }
        }
    }

    private static void Handle(PluginPipes call, int fd, short events, byte* chunk)
    {
        if (fd == call.StdinFd)
        {
            call.PumpStdin();
        }
        else if (fd == call.PidFd)
        {
            call.MarkExited(Stopwatch.GetTimestamp());
        }
        else
        {
            var output = fd == call.Stdout.Fd ? call.Stdout : call.Stderr;
            if ((events & Libc.POLLNVAL) != 0)
            {
                output.End();
            }
            else
            {
                output.Read(chunk, ChunkSize);
            }
        }
    }

    private static void Add(ref Libc.PollFd[] fds, ref PluginPipes[] owners, ref int count, int fd, short events, PluginPipes? owner)
    {
        if (count == fds.Length)
        {
            Array.Resize(ref fds, count * 2);
            Array.Resize(ref owners, count * 2);
        }

        fds[count] = new Libc.PollFd { Fd = fd, Events = events };
        owners[count] = owner!;
        count++;
    }
}
