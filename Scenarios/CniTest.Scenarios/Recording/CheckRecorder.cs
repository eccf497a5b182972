using System.Text;
using CniTest.Harness.Invocation;
using CniTest.Scenarios.Sandbox;

namespace CniTest.Scenarios.Recording;

/// <summary>
/// Records one check (or CLI command): an <see cref="IInvocationObserver"/> on each runtime the check uses writes
/// every plugin call, partners' included, and the fake host's <see cref="ISandboxActionLog"/> writes the drift
/// steps in between, numbered in the order they happened. Calls made at once (the concurrency check) are numbered
/// in the order they returned, which is the order replay runs them in, one after the other.
/// </summary>
public sealed class CheckRecorder : ISandboxActionLog
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private readonly Recorder _session;
    private readonly RecordIndexEntry _entry;
    private readonly string? _subjectPath;
    private readonly bool? _subjectDelegatedIpam;
    private readonly string _hostProfile;
    private readonly Lock _lock = new();
    private FakeHost? _host;
    private int _step;
    private bool _closed;

    internal CheckRecorder(Recorder session, RecordIndexEntry entry, string? subjectPath, bool? subjectDelegatedIpam, string hostProfile)
    {
        _session = session;
        _entry = entry;
        _subjectPath = subjectPath;
        _subjectDelegatedIpam = subjectDelegatedIpam;
        _hostProfile = hostProfile;
    }

    /// <summary>The recording key (<c>replay --check</c>).</summary>
    public string Key => _entry.Check;

    /// <summary>The command that replays this check.</summary>
    public string ReplayCommand => _entry.Replay;

    /// <summary>Starts logging the actions of the check's fake host (after its set-up, which the layout describes).</summary>
    public void Attach(FakeHost host)
    {
        _host = host;
        host.Actions = this;
    }

    /// <summary>The observer for a runtime whose plugins run in <paramref name="node"/>.</summary>
    public IInvocationObserver ObserverFor(FakeHost node) => new CallObserver(this, () => LayoutOf(node));

    /// <summary>The observer for a runtime outside any fake host (the CLI): plugins run in <paramref name="hostNetns"/>.</summary>
    public IInvocationObserver ObserverFor(string? hostNetns) => new CallObserver(this, () => new RecordedLayout { HostNetns = hostNetns });

    /// <summary>Stops recording: the teardown of the fake host is not part of the check.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
        }

        if (_host is not null)
        {
            _host.Actions = null;
        }
    }

    /// <summary>Notes the outcome (passed, failed, warning, skipped, error; succeeded or failed for the CLI) in the index.</summary>
    public void Complete(string outcome)
    {
        Close();
        _session.Completed(_entry, outcome);
    }

    /// <inheritdoc />
    public void OnAction(string kind, ContainerSandbox? sandbox, string? commands)
    {
        var host = _host;
        if (host is null)
        {
            return;
        }

        Write(RecordedStep.ActionKind, LayoutOf(host), step => step with
        {
            Action = new RecordedAction { Kind = kind, Sandbox = sandbox?.Name, Commands = commands },
        });
    }

    private void OnCall(InvocationRecord record, string pluginType, string requestCniVersion, RecordedLayout layout)
    {
        // The CLI has no plugin under test: replay --plugin then substitutes by file name (see Replayer).
        var subject = _subjectPath is not null && record.PluginPath == _subjectPath;
        var delegatedIpam = subject ? _subjectDelegatedIpam : null;
        string? stdin = null, stdinBase64 = null;
        try
        {
            stdin = StrictUtf8.GetString(record.Stdin);
        }
        catch (DecoderFallbackException)
        {
            stdinBase64 = Convert.ToBase64String(record.Stdin);
        }

        var call = _session.Redactor.Apply(new RecordedCall
        {
            Plugin = record.PluginPath,
            PluginType = pluginType,
            Subject = subject,
            DelegatedIpam = delegatedIpam,
            Command = record.Command,
            RequestCniVersion = requestCniVersion,
            Env = record.Environment,
            Stdin = stdin,
            StdinBase64 = stdinBase64,
            Stdout = record.StdoutText,
            Stderr = record.StderrText,
            ExitCode = record.ExitCode,
            Signal = record.Signal,
            TimedOut = record.TimedOut,
            DurationMs = Math.Round(record.Duration.TotalMilliseconds, 3),
            Verdict = CallVerdict.Of(record, requestCniVersion, delegatedIpam),
        });
        Write(RecordedStep.CallKind, layout, step => step with { Call = call });
    }

    /// <summary>Numbers the next step (under the lock, so concurrent calls get distinct numbers) and writes it.</summary>
    private void Write(string kind, RecordedLayout layout, Func<RecordedStep, RecordedStep> complete)
    {
        RecordedStep step;
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            step = complete(new RecordedStep
            {
                Check = _entry.Check,
                CheckId = _entry.CheckId,
                CniVersion = _entry.CniVersion,
                Step = ++_step,
                Kind = kind,
                Layout = layout,
                Redacted = _session.Redactor.Keys,
            });
        }

        _session.Write(_entry, step);
    }

    private RecordedLayout LayoutOf(FakeHost host) => new()
    {
        HostDir = host.Dir,
        HostNetns = host.NetnsPath,
        MasterLinks = host.MasterLinks,
        HostProfile = _hostProfile,
        Sandboxes = [.. host.Sandboxes.Select(s => new RecordedSandbox(s.Name, s.Path, s.IsDeleted))],
    };

    private sealed class CallObserver(CheckRecorder recorder, Func<RecordedLayout> layout) : IInvocationObserver
    {
        public void OnInvocation(InvocationRecord record, string pluginType, string requestCniVersion) =>
            recorder.OnCall(record, pluginType, requestCniVersion, layout());
    }
}
