using System.Runtime.InteropServices;

namespace CniTest.Scenarios.Sandbox;

/// <summary>
/// Turns SIGINT/SIGTERM into cancellation of the run, so every fake host is removed by the normal unwinding
/// (plugins in flight are killed by the executor). A second signal removes all live fake hosts at once and
/// exits, for a run that does not unwind in time.
/// </summary>
public sealed class InterruptGuard : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _signals;

    public InterruptGuard()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    /// <summary>Cancelled on the first signal.</summary>
    public CancellationToken Token => _cts.Token;

    /// <summary>The signal received, if any (for the exit code 130/143).</summary>
    public PosixSignal? Received { get; private set; }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true; // keep running: cleanup first
        Received ??= context.Signal;
        if (Interlocked.Increment(ref _signals) == 1)
        {
            _cts.Cancel();
            return;
        }

        LiveSandboxes.DisposeAll();
        RunDirectory.RemoveOwnedBy(Environment.ProcessId);
        Environment.Exit(130);
    }

    public void Dispose()
    {
        foreach (var r in _registrations)
        {
            r.Dispose();
        }

        _cts.Dispose();
    }
}
