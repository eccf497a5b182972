using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CniTest.Harness.Invocation;

namespace CniTest.BrokenPlugins.Tests.Support;

/// <summary>Reading a plugin's stdout the strict way: one JSON document, nothing else.</summary>
public static class PluginOutput
{
    /// <summary>Stdout parsed as exactly one JSON object, or null when it is empty, not JSON, or more than one document.</summary>
    public static JsonObject? SingleObject(this InvocationRecord record) => StdoutDocuments.Parse(record.Stdout).Single as JsonObject;

    /// <summary>The <c>code</c> of an error object on stdout, or null when there is none.</summary>
    public static int? ErrorCode(this InvocationRecord record) =>
        record.SingleObject()?["code"] is JsonValue v && v.TryGetValue<int>(out var code) ? code : null;

    /// <summary>True when stdout is an error object with an integer <c>code</c> and a string <c>msg</c> (P2, §3.6).</summary>
    public static bool HasErrorObject(this InvocationRecord record) =>
        record.ErrorCode() is not null && record.SingleObject()!["msg"] is JsonValue m && m.TryGetValue<string>(out _);

    /// <summary>A short description of a call for assertion messages.</summary>
    public static string Describe(this InvocationRecord record) =>
        $"{record.Command} exit={record.ExitCode} signal={record.Signal} timedOut={record.TimedOut} " +
        $"stdout={Trim(record.StdoutText)} stderr={Trim(record.StderrText)}";

    private static string Trim(string text)
    {
        var oneLine = new StringBuilder(text).Replace('\n', ' ').ToString().Trim();
        return oneLine.Length > 300 ? oneLine[..300] + "…" : oneLine;
    }
}
