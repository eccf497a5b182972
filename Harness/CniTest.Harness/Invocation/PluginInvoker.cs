#pragma warning disable CS1591 // documented by the runtime refactor (issue 9)
using System.Text;
using System.Text.Json.Nodes;
using CniTest.Harness.Errors;
using CniTest.Harness.Results;

namespace CniTest.Harness.Invocation;

/// <summary>
/// Executes one plugin through the <see cref="IPluginExecutor"/> seam and interprets the outcome the way
/// libcni's <c>pkg/invoke</c> does (R26–R28, R18), telling observers about every call.
/// </summary>
public sealed class PluginInvoker(IPluginExecutor executor, IReadOnlyList<IInvocationObserver>? observers = null)
{
    private readonly IReadOnlyList<IInvocationObserver> _observers = observers ?? [];

    public IPluginExecutor Executor { get; } = executor;

    /// <summary>Runs the call and returns its record; throws <see cref="PluginErrorException"/> on any failure.</summary>
    public async Task<InvocationRecord> ExecuteAsync(string pluginType, string pluginPath, InvocationRequest request,
        string requestCniVersion, CancellationToken ct = default)
    {
        var record = await Executor.ExecuteAsync(pluginPath, request, ct);
        foreach (var observer in _observers)
        {
            observer.OnInvocation(record, pluginType, requestCniVersion);
        }

        if (FailureClassifier.Classify(record) != FailureShape.None)
        {
            throw FailureClassifier.ToException(pluginType, record);
        }

        return record;
    }

    /// <summary>
    /// ADD: runs the call and parses stdout as a result (R27). A missing result <c>cniVersion</c> is filled from
    /// the request's (cni#895); empty stdout is an error, as in libcni.
    /// </summary>
    public async Task<(ICniResult Result, InvocationRecord Record)> ExecuteWithResultAsync(string pluginType,
        string pluginPath, InvocationRequest request, string requestCniVersion, CancellationToken ct = default)
    {
        var record = await ExecuteAsync(pluginType, pluginPath, request, requestCniVersion, ct);
        var json = FailureClassifier.TryParseFirstDocument(record.Stdout);
        if (json is null)
        {
            throw new ResultParseException(record.Stdout.Length == 0
                ? $"plugin type=\"{pluginType}\" printed no result on ADD (P14)"
                : $"plugin type=\"{pluginType}\" printed an unparsable result: {record.StdoutText.Trim()}");
        }

        try
        {
            return (ResultParser.Parse(json.ToJsonString(), string.IsNullOrEmpty(requestCniVersion) ? "0.1.0" : requestCniVersion), record);
        }
        catch (ResultParseException e)
        {
            throw new ResultParseException($"plugin type=\"{pluginType}\" returned an invalid result: {e.Message}", e);
        }
    }

    /// <summary>VERSION probe (R18): dummy values for old skel versions, stdin <c>{"cniVersion":"1.1.0"}</c>.</summary>
    public async Task<VersionInfo> GetVersionInfoAsync(string pluginType, string pluginPath, string askVersion = "1.1.0",
        TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var stdin = Encoding.UTF8.GetBytes(new JsonObject { ["cniVersion"] = askVersion }.ToJsonString());
        var request = new InvocationRequest(CniCommand.Version, "", "dummy", "dummy", [], ["dummy"], stdin) { Timeout = timeout };
        InvocationRecord record;
        try
        {
            record = await ExecuteAsync(pluginType, pluginPath, request, askVersion, ct);
        }
        catch (PluginErrorException e) when (e.Error.Msg == "unknown CNI_COMMAND: VERSION")
        {
            return new VersionInfo("0.1.0", ["0.1.0"], e.Record); // a 0.1.0 plugin knows no VERSION (R18)
        }

        return DecodeVersionReply(pluginType, record);
    }

    internal static VersionInfo DecodeVersionReply(string pluginType, InvocationRecord record)
    {
        var json = FailureClassifier.TryParseFirstDocument(record.Stdout) as JsonObject
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
