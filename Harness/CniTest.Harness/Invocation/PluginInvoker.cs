using System.Text;
using System.Text.Json.Nodes;
using CniTest.Harness.Errors;
using CniTest.Harness.Results;
using CniTest.Harness.Versioning;

namespace CniTest.Harness.Invocation;

/// <summary>
/// Executes one plugin through the <see cref="IPluginExecutor"/> seam and interprets the outcome the way
/// libcni's <c>pkg/invoke</c> does (R26–R28, R18), telling observers about every call.
/// </summary>
/// <param name="executor">Runs the process.</param>
/// <param name="observers">Told about every call, after it returns.</param>
public sealed class PluginInvoker(IPluginExecutor executor, IReadOnlyList<IInvocationObserver>? observers = null)
{
    private readonly IReadOnlyList<IInvocationObserver> _observers = observers ?? [];

    /// <summary>The executor calls go through.</summary>
    public IPluginExecutor Executor { get; } = executor;

    /// <summary>
    /// Runs the call, tells the observers, and returns the record whatever the plugin did: the lowest entry point,
    /// for callers that judge the answer themselves (a conformance check sending bad input on purpose).
    /// </summary>
    public async Task<InvocationRecord> InvokeAsync(string pluginType, string pluginPath, InvocationRequest request,
        string requestCniVersion, CancellationToken ct = default)
    {
        var record = await Executor.ExecuteAsync(pluginPath, request, ct);
        foreach (var observer in _observers)
        {
            observer.OnInvocation(record, pluginType, requestCniVersion);
        }

        return record;
    }

    /// <summary>Runs the call and returns its record; throws <see cref="PluginErrorException"/> on any failure.</summary>
    public async Task<InvocationRecord> ExecuteAsync(string pluginType, string pluginPath, InvocationRequest request,
        string requestCniVersion, CancellationToken ct = default)
    {
        var record = await InvokeAsync(pluginType, pluginPath, request, requestCniVersion, ct);
        ThrowIfFailed(pluginType, record);
        return record;
    }

    /// <summary>Throws the <see cref="PluginErrorException"/> libcni would raise for a failed call (R26).</summary>
    public static void ThrowIfFailed(string pluginType, InvocationRecord record)
    {
        if (FailureClassifier.Classify(record) != FailureShape.None)
        {
            throw FailureClassifier.ToException(pluginType, record);
        }
    }

    /// <summary>
    /// ADD: runs the call and parses stdout as a result (R27). A missing result <c>cniVersion</c> is filled from
    /// the request's (cni#895); empty stdout is an error, as in libcni.
    /// </summary>
    public async Task<(ICniResult Result, InvocationRecord Record)> ExecuteWithResultAsync(string pluginType,
        string pluginPath, InvocationRequest request, string requestCniVersion, CancellationToken ct = default)
    {
        var record = await ExecuteAsync(pluginType, pluginPath, request, requestCniVersion, ct);
        return (ParseResult(pluginType, record, requestCniVersion), record);
    }

    /// <summary>
    /// The result a successful ADD printed, parsed as libcni does (R27): the first JSON document on stdout, a
    /// missing <c>cniVersion</c> taken from the request's (cni#895); empty stdout is an error (P14).
    /// </summary>
    /// <exception cref="ResultParseException">No result, or one that cannot be read at its version.</exception>
    public static ICniResult ParseResult(string pluginType, InvocationRecord record, string requestCniVersion)
    {
        var json = StdoutDocuments.First(record.Stdout);
        if (json is null)
        {
            throw new ResultParseException(record.Stdout.Length == 0
                ? $"plugin type=\"{pluginType}\" printed no result on ADD (P14)"
                : $"plugin type=\"{pluginType}\" printed an unparsable result: {record.StdoutText.Trim()}");
        }

        try
        {
            // The document as read (StdoutDocuments checked its UTF-8), not its text parsed a second time.
            return ResultParser.Parse(json, string.IsNullOrEmpty(requestCniVersion) ? "0.1.0" : requestCniVersion);
        }
        catch (ResultParseException e)
        {
            throw new ResultParseException($"plugin type=\"{pluginType}\" returned an invalid result: {e.Message}", e);
        }
    }

    /// <summary>
    /// The one VERSION probe (R18, P10): asks with <c>{"cniVersion": askVersion}</c> on stdin and the variables
    /// <paramref name="style"/> names, and returns the call with the decoded reply or the reason there is none.
    /// </summary>
    public async Task<VersionProbe> ProbeVersionAsync(string pluginType, string pluginPath, string askVersion = SpecVersions.Latest,
        VersionProbeStyle style = VersionProbeStyle.Libcni, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var record = await InvokeAsync(pluginType, pluginPath, VersionRequest(askVersion, style, timeout), askVersion, ct);
        try
        {
            ThrowIfFailed(pluginType, record);
            return new VersionProbe(record, DecodeVersionReply(pluginType, record), null);
        }
        catch (PluginErrorException e) when (e.Error.Msg == "unknown CNI_COMMAND: VERSION")
        {
            return new VersionProbe(record, new VersionInfo("0.1.0", ["0.1.0"], record), null); // a 0.1.0 plugin knows no VERSION (R18)
        }
        catch (CniHarnessException e)
        {
            return new VersionProbe(record, null, e);
        }
    }

    /// <summary>VERSION as libcni asks it (R18): the reply, or the exception describing why there is none.</summary>
    public async Task<VersionInfo> GetVersionInfoAsync(string pluginType, string pluginPath, string askVersion = SpecVersions.Latest,
        TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var probe = await ProbeVersionAsync(pluginType, pluginPath, askVersion, VersionProbeStyle.Libcni, timeout, ct);
        return probe.Info ?? throw probe.Error!;
    }

    private static InvocationRequest VersionRequest(string askVersion, VersionProbeStyle style, TimeSpan? timeout)
    {
        var stdin = Encoding.UTF8.GetBytes(new JsonObject { ["cniVersion"] = askVersion }.ToJsonString());
        return style == VersionProbeStyle.CommandOnly
            ? new InvocationRequest(CniCommand.Version, null, null, null, [], [], stdin)
            {
                Timeout = timeout,
                OmitVariables = new HashSet<string>(InvocationRequest.SpecVariables.Where(v => v != "CNI_COMMAND")),
            }
            // libcni fills dummy values, so that old skel versions that demand them still answer (R18).
            : new InvocationRequest(CniCommand.Version, "", "dummy", "dummy", [], ["dummy"], stdin) { Timeout = timeout };
    }

    internal static VersionInfo DecodeVersionReply(string pluginType, InvocationRecord record)
    {
        var json = StdoutDocuments.First(record.Stdout) as JsonObject
            ?? throw new CniHarnessException($"plugin type=\"{pluginType}\": VERSION reply is not a JSON object: {record.StdoutText.Trim()}");
        var version = json["cniVersion"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
        if (version.Length == 0)
        {
            throw new CniHarnessException($"plugin type=\"{pluginType}\": VERSION reply has no cniVersion");
        }

        var supported = json["supportedVersions"] is JsonArray a
            ? a.Select(x => x is JsonValue xv && xv.TryGetValue<string>(out var xs) ? xs : null).OfType<string>().ToList()
            : null;
        if (supported is null && version == "0.2.0")
        {
            supported = ["0.1.0", "0.2.0"]; // the only case where the list may be absent (checklist §3.7)
        }

        if (supported is null || supported.Count == 0)
        {
            throw new CniHarnessException($"plugin type=\"{pluginType}\": VERSION reply has no supportedVersions");
        }

        return new VersionInfo(version, supported, record);
    }
}

/// <summary>Which variables a VERSION probe sets.</summary>
public enum VersionProbeStyle
{
    /// <summary>As libcni: all six, with dummy netns, ifname and path (R18).</summary>
    Libcni,

    /// <summary>Only <c>CNI_COMMAND</c>, the spec's minimum a plugin must answer with (P10).</summary>
    CommandOnly,
}

/// <summary>The outcome of a VERSION probe.</summary>
/// <param name="Record">The call.</param>
/// <param name="Info">The decoded reply; null when there is none.</param>
/// <param name="Error">Why there is no reply (the plugin failed, or its reply cannot be read); null with a reply.</param>
public sealed record VersionProbe(InvocationRecord Record, VersionInfo? Info, CniHarnessException? Error);
