using System.Diagnostics;
using System.IO.Pipes;
using System.Runtime.InteropServices;
using CniTest.Harness.Sandbox.Interop;

namespace CniTest.Harness.Invocation;

/// <summary>How a watch of one plugin call by <see cref="PipeLoop"/> ended.</summary>
internal enum PipeOutcome
{
    /// <summary>The plugin exited and both output pipes reached end-of-file.</summary>
    Finished,

    /// <summary>The plugin exited, but a pipe is still open at <see cref="PluginPipes.WakeAt"/> (a holder, R29).</summary>
    Tick,

    /// <summary>The call's deadline passed before the plugin exited.</summary>
    TimedOut,

    /// <summary>The caller cancelled before the plugin exited.</summary>
    Cancelled,
}

/// <summary>
/// One plugin call's pipes as the I/O loop sees them: the request still to write to stdin, stdout and stderr read
/// apart into their own buffers, and a pidfd that becomes readable when the plugin exits. Touched only by the loop
/// while a watch is under way, only by the call in between (the watch's task orders the two).
/// </summary>
internal sealed class PluginPipes : IDisposable
{
    private readonly Process _process;
    private readonly byte[] _stdin;
    private int _written;
    private volatile bool _exitSignalled;
    private volatile bool _cancelRequested;

    public PluginPipes(Process process, byte[] stdin, long deadline, TimeSpan drainStep)
    {
        _process = process;
        _stdin = stdin;
        Deadline = deadline;
        DrainStep = drainStep;
        StdinFd = NonBlockingFd(process.StandardInput.BaseStream);
        Stdout = new Output(NonBlockingFd(process.StandardOutput.BaseStream));
        Stderr = new Output(NonBlockingFd(process.StandardError.BaseStream));
        PidFd = OpenPidFd(process);
    }

    public int StdinFd { get; private set; }

    public Output Stdout { get; }

    public Output Stderr { get; }

    /// <summary>Readable once the plugin has exited; -1 when the exit comes from <see cref="SignalExit"/> instead.</summary>
    public int PidFd { get; private set; }

    /// <summary>Stopwatch timestamp after which an unexited plugin has timed out; <see cref="long.MaxValue"/>: never.</summary>
    public long Deadline { get; }

    /// <summary>Stopwatch timestamp of the exit, 0 before it.</summary>
    public long ExitedAt { get; private set; }

    /// <summary>After the exit: when the loop hands the call back although a pipe is still open (a drain step).</summary>
    public long WakeAt { get; set; }

    /// <summary>After the exit, how often the loop hands back a call whose pipes stay open.</summary>
    public TimeSpan DrainStep { get; }

    public bool Exited => ExitedAt != 0;

    public TaskCompletionSource<PipeOutcome>? Completion { get; set; }

    public void MarkExited(long timestamp)
    {
        ExitedAt = timestamp;
        WakeAt = timestamp;
        NextDrainStep();
    }

    /// <summary>Moves <see cref="WakeAt"/> one drain step on.</summary>
    public void NextDrainStep() => WakeAt += (long)(DrainStep.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Any thread: the caller's token was cancelled.</summary>
    public void RequestCancel()
    {
        _cancelRequested = true;
        PipeLoop.Wake();
    }

    /// <summary>Any thread: the plugin exited (used only where pidfd_open is unavailable).</summary>
    private void SignalExit()
    {
        _exitSignalled = true;
        PipeLoop.Wake();
    }

    /// <summary>The loop's verdict before each poll: null while the call must go on being watched.</summary>
    public PipeOutcome? Settle(long now)
    {
        if (_cancelRequested && !Exited)
        {
            return PipeOutcome.Cancelled;
        }

        if (_exitSignalled && !Exited)
        {
            MarkExited(now);
        }

        if (Exited)
        {
            return Stdout.Ended && Stderr.Ended ? PipeOutcome.Finished : now >= WakeAt ? PipeOutcome.Tick : null;
        }

        return now >= Deadline ? PipeOutcome.TimedOut : null;
    }

    /// <summary>Writes as much of the request as the pipe takes now; closes stdin once all is written or refused.</summary>
    public unsafe void PumpStdin()
    {
        while (_written < _stdin.Length)
        {
            nint n;
            fixed (byte* p = _stdin)
            {
                n = Libc.write(StdinFd, p + _written, (nuint)(_stdin.Length - _written));
            }

            if (n >= 0)
            {
                _written += (int)n;
                continue;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == Libc.EAGAIN)
            {
                return; // the pipe is full: the loop waits for POLLOUT
            }

            if (errno != Libc.EINTR)
            {
                break; // EPIPE: a plugin may exit without reading stdin; that is its right, not our failure
            }
        }

        CloseStdin();
    }

    /// <summary>Closes stdin (end-of-file for the plugin), if still open.</summary>
    public void CloseStdin()
    {
        if (StdinFd < 0)
        {
            return;
        }

        StdinFd = -1;
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // Broken pipe on the final flush: the plugin had gone; nothing was lost that it wanted.
        }
    }

    public void Dispose()
    {
        if (PidFd >= 0)
        {
            Libc.close(PidFd);
            PidFd = -1;
        }
    }

    private int OpenPidFd(Process process)
    {
        var fd = (int)Libc.syscall(Libc.SYS_pidfd_open, process.Id, 0);
        if (fd < 0)
        {
            if (Marshal.GetLastPInvokeError() == Libc.ESRCH)
            {
                _exitSignalled = true; // already exited and reaped
            }
            else
            {
                // No pidfd (kernel < 5.3, seccomp): the exit arrives through Process's own SIGCHLD handling instead.
                process.WaitForExitAsync().ContinueWith(static (_, s) => ((PluginPipes)s!).SignalExit(), this, TaskScheduler.Default);
            }

            return -1;
        }

        // Reaped (and the id reused) before pidfd_open? Then the pidfd names someone else: trust Process instead.
        if (process.HasExited)
        {
            Libc.close(fd);
            _exitSignalled = true;
            return -1;
        }

        return fd;
    }

    private static int NonBlockingFd(Stream stream)
    {
        // Process hands out blocking pipes; the loop must never block on one, whatever poll() said.
        var fd = (int)((PipeStream)stream).SafePipeHandle.DangerousGetHandle();
        Libc.fcntl(fd, Libc.F_SETFL, Libc.fcntl(fd, Libc.F_GETFL, 0) | Libc.O_NONBLOCK);
        return fd;
    }

    /// <summary>One output pipe and every byte read from it so far.</summary>
    internal sealed class Output(int fd)
    {
        private readonly MemoryStream _buffer = new();

        public int Fd { get; } = fd;

        public bool Ended { get; private set; }

        public byte[] ToArray() => _buffer.ToArray();

        /// <summary>One read of what is in the pipe now; end-of-file (or an error) ends the capture.</summary>
        public unsafe void Read(byte* chunk, int size)
        {
            var n = Libc.read(Fd, chunk, (nuint)size);
            if (n > 0)
            {
                _buffer.Write(new ReadOnlySpan<byte>(chunk, (int)n));
            }
            else if (n == 0 || Marshal.GetLastPInvokeError() is not (Libc.EAGAIN or Libc.EINTR))
            {
                Ended = true;
            }
        }

        /// <summary>The pipe is gone (POLLNVAL): nothing more can come.</summary>
        public void End() => Ended = true;
    }
}
