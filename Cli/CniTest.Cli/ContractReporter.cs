using CniTest.Harness.Contract;
using CniTest.Harness.Invocation;

namespace CniTest.Cli;

/// <summary>
/// Runs the output contract on every plugin call the CLI makes and prints each violation as one line on the
/// error writer: <c>cnitest: contract: LEVEL CHECKLIST-ID RULE-ID: message (TYPE COMMAND)</c>. It never changes
/// the command's outcome: the attachment commands behave like cnitool, the verdict is informational.
/// </summary>
internal sealed class ContractReporter(TextWriter error) : IInvocationObserver
{
    private readonly Lock _lock = new();

    public void OnInvocation(InvocationRecord record, string pluginType, string requestCniVersion)
    {
        var violations = OutputContract.Check(record, requestCniVersion);
        if (violations.Count == 0)
        {
            return;
        }

        lock (_lock)
        {
            foreach (var v in violations)
            {
                error.WriteLine($"cnitest: contract: {Label(v.Level)} {v.ChecklistId} {v.RuleId}: {OneLine.Of(v.Message)} ({pluginType} {record.Command})");
            }
        }
    }

    internal static string Label(RuleLevel level) => level switch
    {
        RuleLevel.Must => "MUST",
        RuleLevel.Should => "SHOULD",
        RuleLevel.May => "MAY",
        _ => "GO-ONLY",
    };
}
