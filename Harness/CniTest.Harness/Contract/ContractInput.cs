using System.Text.Json.Nodes;
using CniTest.Harness.Invocation;
using CniTest.Harness.Versioning;

namespace CniTest.Harness.Contract;

/// <summary>One invocation prepared for the rules: the record plus everything they read from it, parsed once.</summary>
internal sealed class ContractInput
{
    public ContractInput(InvocationRecord record, string requestCniVersion, bool? delegatedIpam)
    {
        Record = record;
        RequestCniVersion = requestCniVersion;
        Stdout = StdoutDocuments.Parse(record.Stdout);
        Shape = FailureClassifier.Classify(record);
        IsDelegatedIpam = delegatedIpam ?? LooksLikeDelegatedIpam(record);
        _resultCheck = new Lazy<ResultSchemaCheck?>(() => ResultSchemaCheck.For(this));
    }

    private readonly Lazy<ResultSchemaCheck?> _resultCheck;

    /// <summary>The schema validation of a successful ADD's result object; null for anything else.</summary>
    public ResultSchemaCheck? ResultCheck => _resultCheck.Value;

    public InvocationRecord Record { get; }
    public string RequestCniVersion { get; }
    public string Command => Record.Command;
    public StdoutDocuments Stdout { get; }
    public FailureShape Shape { get; }

    /// <summary>The plugin ran as a delegated IPAM plugin: its output is the abbreviated IPAM result (P24).</summary>
    public bool IsDelegatedIpam { get; }

    /// <summary>The version the request spoke, "" read as 0.1.0 (R17).</summary>
    public string EffectiveVersion => RequestCniVersion.Length == 0 ? "0.1.0" : RequestCniVersion;

    /// <summary>The plugin finished on its own (not killed after a timeout or by a signal): its output is its answer.</summary>
    public bool Finished => Shape is not (FailureShape.TimedOut or FailureShape.KilledBySignal) && Record.ExitCode is not null;

    public bool Succeeded => Record.Succeeded;

    public bool FailedOnItsOwn => Finished && Record.ExitCode != 0;

    public string Env(string name) => Record.Environment.TryGetValue(name, out var v) ? v : "";

    /// <summary>True when the request's version is at least <paramref name="version"/>.</summary>
    public bool VersionAtLeast(CniVersion version) =>
        CniVersion.TryParse(RequestCniVersion, out var v, out _) && v >= version;

    /// <summary>
    /// A delegating plugin hands its IPAM plugin its own whole configuration (SPEC §4), so a call whose binary is
    /// named like the request's <c>ipam.type</c> (and not like its <c>type</c>) is an IPAM call.
    /// </summary>
    private static bool LooksLikeDelegatedIpam(InvocationRecord record)
    {
        try
        {
            if (JsonNode.Parse(record.Stdin) is not JsonObject request)
            {
                return false;
            }

            var binary = Path.GetFileName(record.PluginPath);
            var ipamType = request["ipam"] is JsonObject ipam && ipam["type"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
            var type = request["type"] is JsonValue tv && tv.TryGetValue<string>(out var ts) ? ts : null;
            return ipamType == binary && type != binary;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
