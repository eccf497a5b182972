using System.Collections.Concurrent;
using CniTest.Harness.Invocation;

namespace CniTest.Integration.Tests.Support;

/// <summary>Keeps every invocation the runtime made, so tests can compare results with raw plugin output.</summary>
public sealed class RecordingObserver : IInvocationObserver
{
    private readonly ConcurrentQueue<(InvocationRecord Record, string Type)> _calls = new();

    public IReadOnlyList<(InvocationRecord Record, string Type)> Calls => _calls.ToList();

    public void OnInvocation(InvocationRecord record, string pluginType, string requestCniVersion) =>
        _calls.Enqueue((record, pluginType));

    public InvocationRecord Last(string pluginType, string command) =>
        Calls.Last(c => c.Type == pluginType && c.Record.Command == command).Record;
}
