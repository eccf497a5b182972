using CniTest.Harness.Invocation;

namespace CniTest.Harness.Operations;

/// <summary>How a <see cref="CniRuntime"/> finds, runs and remembers plugins.</summary>
public sealed record RuntimeOptions
{
    /// <summary>Directories searched for plugin binaries and passed as <c>CNI_PATH</c> (R19, R20).</summary>
    public required IReadOnlyList<string> PluginPath { get; init; }

    /// <summary>The seam in front of process execution.</summary>
    public IPluginExecutor Executor { get; init; } = new ProcessPluginExecutor();

    /// <summary>Result-cache directory; null disables caching. Never defaults to /var/lib/cni (issue #3 §8).</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Per-call timeout; null means none (libcni's behaviour).</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Told about every plugin call.</summary>
    public IReadOnlyList<IInvocationObserver> Observers { get; init; } = [];

    /// <summary>
    /// Spec 1.1: <c>capabilities</c> "must not be set" in the request. libcni leaves it in (checklist §5.3);
    /// set true to reproduce libcni byte for byte.
    /// </summary>
    public bool KeepCapabilitiesKey { get; init; }

    /// <summary>
    /// DEL keeps calling the remaining plugins after one fails and reports every error. libcni stops at the
    /// first error, which is how one failing tail plugin leaks everything before it (plugins#1282, dnsname#73).
    /// </summary>
    public bool DelContinuesOnError { get; init; }
}
