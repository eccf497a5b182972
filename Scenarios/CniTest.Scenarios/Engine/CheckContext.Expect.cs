using System.Text.Json.Nodes;
using CniTest.Harness.Contract;
using CniTest.Harness.Errors;
using CniTest.Harness.Invocation;

namespace CniTest.Scenarios.Engine;

public sealed partial class CheckContext
{
    /// <summary>
    /// Requires a successful step. A partner's failure, a failure of the plugin under test and a successful ADD
    /// without a result each stop the check with a message that says which call did what.
    /// </summary>
    /// <param name="step">The step to judge.</param>
    /// <param name="what">The step in words ("ADD", "DEL after the netns was deleted", …).</param>
    /// <param name="rule">The rule a failure of the plugin under test breaks.</param>
    /// <param name="level">Its level.</param>
    public void Require(StepResult step, string what, string rule, RuleLevel level)
    {
        if (step.Succeeded)
        {
            return;
        }

        if (step.Subject is { Succeeded: false } s)
        {
            Fail(rule, level, $"{what}: expected exit 0, got {Describe(s)}", s);
        }

        if (step.Subject is { Succeeded: true, Command: CniCommand.Add } added && StdoutDocuments.First(added.Stdout) is not JsonObject)
        {
            Fail("P14", RuleLevel.Must, $"{what}: exit 0 but stdout holds no result object ({Excerpt(added.StdoutText)})", added);
        }

        if (step.ResultError is { } unreadable)
        {
            // R27: the runtime parses the result at the version it asked for; libcni fails the ADD where it cannot.
            Fail("P16", RuleLevel.Must, $"{what}: exit 0, but the runtime cannot read the result: {unreadable}", step.Subject);
        }

        if (step.PartnerFailure is { } p)
        {
            // Not the plugin's fault as such, but the step it is part of did not work: report the partner's answer.
            Fail(rule, level, $"{what}: the partner plugin '{p.Member.Type}' failed on {p.Record.Command}: {Describe(p.Record)}", step.Subject);
        }

        Fail(rule, level, step.Error is { } error ? $"{what} did not succeed: {error}" : $"{what} did not succeed", step.Subject);
    }

    /// <summary>Requires a call of the plugin under test that fails (non-zero exit, P1) and returns its error object, if any.</summary>
    public CniErrorObject? RequireFailure(InvocationRecord record, string what, string rule = "P1")
    {
        if (record.TimedOut)
        {
            Fail(rule, RuleLevel.Must, $"{what}: expected a prompt error, but {Describe(record)}", record);
        }

        if (record.Succeeded)
        {
            Fail(rule, RuleLevel.Must, $"{what}: expected a non-zero exit, got exit 0 (stdout: {Excerpt(record.StdoutText)})", record);
        }

        return CniErrorObject.TryParse(StdoutDocuments.First(record.Stdout));
    }

    /// <summary>One line describing how a call ended: exit, signal or timeout, error object, stderr.</summary>
    public string Describe(InvocationRecord r)
    {
        if (r.TimedOut)
        {
            return $"no answer within {Plan.Options.Timeout.TotalSeconds:0.#} s: the plugin was killed";
        }

        var how = r.Signal is { } sig ? $"killed by signal {sig} ({ContractCollector.SignalName(sig)})" : $"exit {r.ExitCode}";
        if (r.ExitCode == 0 && r.Signal is null)
        {
            return how;
        }

        var error = CniErrorObject.TryParse(StdoutDocuments.First(r.Stdout));
        var text = error is not null
            ? $"{how}, error code {error.Code} ({CniErrorCodes.Describe(error.Code)}): {error}"
            : $"{how}, no error object on stdout{(r.Stdout.Length > 0 ? $" ({Excerpt(r.StdoutText)})" : "")}";
        return r.Stderr.Length > 0 ? $"{text}; stderr: {Excerpt(r.StderrText)}" : text;
    }

    internal static string Excerpt(string text, int max = 240)
    {
        var t = text.Trim().Replace('\n', ' ');
        return t.Length == 0 ? "empty" : t.Length <= max ? t : t[..(max - 1)] + "…";
    }
}
