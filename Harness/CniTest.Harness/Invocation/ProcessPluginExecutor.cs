#pragma warning disable CS1591 // documented by the runtime refactor (issue 9)
using System.ComponentModel;
using System.Diagnostics;
using CniTest.Harness.Errors;
using CniTest.Harness.Sandbox;

// Why Process and not CliWrap, which runs cnitest's helper tools (Scenarios/Sandbox/HelperCommand.cs) and can start
// a process on a namespace thread just as well: once the plugin exits, CliWrap keeps waiting until its pipes close,
// which a grandchild holding stdout (a daemon, a delegated IPAM left behind) can delay until the call is cancelled,
// while a plugin call must end with what the plugin wrote after a bounded drain (R29); a killed plugin must still
// give a record (timed out, signal, partial output) where CliWrap throws; and the ETXTBSY retry (R26) needs the
// errno of the failed exec, which CliWrap wraps in a new exception.
namespace CniTest.Harness.Invocation;

/// <summary>
/// Runs plugin binaries for real (checklist R23, R26, R29). Stdout and stderr are captured separately, stdin is
/// the request, and a timeout kills the plugin together with every process it started, so a delegated IPAM
/// child holding the stdout pipe cannot keep the call open (R29 quirk; bug containerd#5438).
/// </summary>
public sealed class ProcessPluginExecutor : IPluginExecutor
{
    private const int EtxtBsy = 26;
    private static readonly TimeSpan PipeDrainLimit = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan PipeHolderPoll = TimeSpan.FromMilliseconds(50);

    /// <summary>Creates an executor; plugins run in <paramref name="hostNetnsPath"/> when given (the fake host).</summary>
    public ProcessPluginExecutor(string? hostNetnsPath = null, TimeSpan? defaultTimeout = null)
    {
        HostNetnsPath = hostNetnsPath;
        DefaultTimeout = defaultTimeout;
    }

    /// <summary>The network namespace plugins are started in; null means this process's own (R21).</summary>
    public string? HostNetnsPath { get; }

    /// <summary>
    /// A pinned mount namespace plugins are started in (with <see cref="HostNetnsPath"/>), e.g. one where
    /// <c>/var/lib/cni</c> and <c>/run/cni</c> are private, so plugin state never lands on the machine.
    /// </summary>
    public string? HostMountNamespacePath { get; init; }

    /// <summary>
    /// The cgroup plugins are started in (with <see cref="HostNetnsPath"/>): every process they start stays listed
    /// there, so each record names the <see cref="InvocationRecord.Survivors"/> and the
    /// <see cref="InvocationRecord.PipeHolders"/>, and the drain stops as soon as a pipe holder is seen (P73).
    /// </summary>
    public ProcessCgroup? Cgroup { get; init; }

    /// <summary>Applied when a request carries no timeout of its own; null means none (libcni has none).</summary>
    public TimeSpan? DefaultTimeout { get; }

    /// <summary>Text-file-busy retries (R26: 6 attempts, 1 s apart). Tests shorten the delay.</summary>
    public TimeSpan EtxtBsyRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public async Task<InvocationRecord> ExecuteAsync(string pluginPath, InvocationRequest request, CancellationToken cancellationToken = default)
    {
        var env = request.RenderCniVariables();
        var startInfo = BuildStartInfo(pluginPath, env, request.OmitVariables);
        var started = Stopwatch.GetTimestamp();
        using var process = await StartWithRetryAsync(startInfo, pluginPath, cancellationToken);

        // The pipes' kernel names serve only to spot a holder in the cgroup (P73): two readlinks per call otherwise wasted.
        string?[] pipes = Cgroup is null ? [] : [PipeName(process.StandardOutput.BaseStream), PipeName(process.StandardError.BaseStream)];
        // Without a timeout there is no deadline (libcni's default: none).
        var timeout = request.Timeout ?? DefaultTimeout;
        var deadline = timeout is { } t ? started + (long)(t.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        // After the exit, a grandchild that outlived the plugin (a daemon, a delegated IPAM left behind) may still hold
        // the pipes: keep what the plugin wrote and stop waiting after a bounded drain (R29 quirk), or as soon as the
        // cgroup shows a process holding them, checked every 50 ms: then no end-of-file will come, and waiting would
        // only slow every call down (P73).
        using var io = new PluginPipes(process, request.Stdin, deadline, Cgroup is null ? PipeDrainLimit : PipeHolderPoll);
        // Most requests fit the pipe at once: then the loop never needs to watch stdin.
        io.PumpStdin();

        var timedOut = false;
        IReadOnlyList<TrackedProcess> holders = [];
        var outcome = await WatchAsync(io, cancellationToken);
        while (outcome != PipeOutcome.Finished)
        {
            if (outcome is PipeOutcome.TimedOut or PipeOutcome.Cancelled)
            {
                io.CloseStdin();
                KillTree(process);
                await process.WaitForExitAsync(CancellationToken.None);
                cancellationToken.ThrowIfCancellationRequested();
                timedOut = true;
                io.MarkExited(Stopwatch.GetTimestamp());
            }
            else if (Stopwatch.GetElapsedTime(io.ExitedAt) >= PipeDrainLimit)
            {
                break;
            }
            else
            {
                // Bytes already in the pipe arrive within a step; what keeps it open after that is a holder.
                holders = Cgroup?.Processes().Where(p => pipes.Any(n => n is not null && p.Holds(n))).ToList() ?? [];
                if (holders.Count > 0)
                {
                    break;
                }

                io.NextDrainStep();
            }

            outcome = await PipeLoop.Watch(io);
        }

        // The pidfd said the plugin exited; Process reaps it (its SIGCHLD handler) within microseconds, if not yet done.
        process.WaitForExit();
        var exit = process.ExitCode;
        return new InvocationRecord
        {
            PluginPath = pluginPath,
            Command = request.Command,
            Environment = env,
            Stdin = request.Stdin,
            Stdout = io.Stdout.ToArray(),
            Stderr = io.Stderr.ToArray(),
            ExitCode = exit,
            // .NET reports death by signal N as 128+N; a plugin that exits 129..192 on purpose is indistinguishable
            // and treated as a signal, which is the reading a runtime's log would give too.
            Signal = timedOut ? 9 : exit is > 128 and <= 128 + 64 ? exit - 128 : null,
            TimedOut = timedOut,
            Duration = Stopwatch.GetElapsedTime(started, io.ExitedAt),
            PipeHolders = holders,
            Survivors = Cgroup?.Processes() ?? [],
        };
    }

    /// <summary>The first watch of a call: until it finishes, times out, is cancelled, or reaches its first drain step.</summary>
    private static async Task<PipeOutcome> WatchAsync(PluginPipes io, CancellationToken cancellationToken)
    {
        // A token that cannot be cancelled (libcni's default) costs no registration.
        using var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.Register(static s => ((PluginPipes)s!).RequestCancel(), io)
            : default;
        return await PipeLoop.Watch(io);
    }

    /// <summary>The kernel's name (<c>pipe:[INODE]</c>) of this process's end of a child's output pipe.</summary>
    private static string? PipeName(Stream stream) =>
        stream is System.IO.Pipes.PipeStream pipe ? TrackedProcess.DescriptorTarget((int)pipe.SafePipeHandle.DangerousGetHandle()) : null;

    private static ProcessStartInfo BuildStartInfo(string pluginPath, IReadOnlyDictionary<string, string> env, IReadOnlySet<string> omit)
    {
        // Plugins inherit the runtime's whole environment plus the six CNI variables, later wins (R23).
        var psi = new ProcessStartInfo(pluginPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var name in InvocationRequest.SpecVariables)
        {
            psi.Environment.Remove(name);
        }

        foreach (var (k, v) in env)
        {
            psi.Environment[k] = v;
        }

        foreach (var k in omit)
        {
            psi.Environment.Remove(k);
        }

        return psi;
    }

    private async Task<Process> StartWithRetryAsync(ProcessStartInfo psi, string pluginPath, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var process = new Process { StartInfo = psi };
                var started = HostNetnsPath is null
                    ? process.Start()
                    : NamespaceThread.Run(HostNetnsPath, process.Start, HostMountNamespacePath, Cgroup);
                if (!started)
                {
                    throw new CniHarnessException($"failed to start plugin {pluginPath}");
                }

                return process;
            }
            catch (Win32Exception e) when (e.NativeErrorCode == EtxtBsy && attempt < 6)
            {
                // R26: the binary is being written (an upgrade in progress); libcni retries the same way.
                await Task.Delay(EtxtBsyRetryDelay, ct);
            }
            catch (Win32Exception e)
            {
                // Unlike libcni, exhausting the retries is an error, never a silent success (R26 quirk).
                throw new CniHarnessException($"cannot execute plugin {pluginPath}: {e.Message}", e);
            }
        }
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited between the timeout and the kill.
        }
    }
}
