using CniTest.Harness.Contract.Rules;
using CniTest.Harness.Invocation;

namespace CniTest.Harness.Contract;

/// <summary>
/// The output contract of one plugin call (checklist §2, P1–P18, P24 and the errata): what a JSON Schema cannot
/// express, plus the schema validation of the command's output (ADD result, error object, VERSION reply). Runs on
/// every output the runtime receives (the CLI attaches it as an <see cref="IInvocationObserver"/>). Each
/// violation carries the rule's level for the request's version; which levels fail a run is the run profile's
/// decision.
/// </summary>
public static class OutputContract
{
    private static readonly IReadOnlyList<OutputRule> RuleSet =
    [
        new AddResultPresent(),
        new StdoutSingleDocument(),
        new ResultSchema(),
        new ResultIpsVersionUnknown(),
        new IpamAbbreviated(),
        new ResultCniVersion(),
        new ResultInterfaceIndex(),
        new ResultIpVersionConsistent(),
        new ResultRouteFamily(),
        new ResultSandbox(),
        new ErrorExitCode(),
        new ErrorObjectPresent(),
        new ErrorSchema(),
        new ErrorCodeDefined(),
        new ErrorCniVersion(),
        EmptyStdoutOnSuccess.Del(),
        EmptyStdoutOnSuccess.Check(),
        EmptyStdoutOnSuccess.Gc(),
        EmptyStdoutOnSuccess.Status(),
        new VersionSchema(),
        new VersionReplyVersion(),
        new VersionSupportedVersions(),
    ];

    /// <summary>Every rule, in the order violations are reported.</summary>
    public static IReadOnlyList<ContractRule> Rules { get; } = [.. RuleSet.Select(r => r.Rule)];

    /// <summary>Every rule <paramref name="record"/> breaks; empty when the call kept the contract.</summary>
    /// <param name="record">The call as executed.</param>
    /// <param name="requestCniVersion">The <c>cniVersion</c> sent on stdin ("" when none was sent).</param>
    public static IReadOnlyList<ContractViolation> Check(InvocationRecord record, string requestCniVersion) =>
        Check(record, requestCniVersion, delegatedIpam: null);

    /// <inheritdoc cref="Check(InvocationRecord, string)"/>
    /// <param name="record">The call as executed.</param>
    /// <param name="requestCniVersion">The <c>cniVersion</c> sent on stdin ("" when none was sent).</param>
    /// <param name="delegatedIpam">
    /// Whether the plugin ran as a delegated IPAM plugin (its ADD output is then the abbreviated IPAM result, P24);
    /// null infers it: the binary is named like the request's <c>ipam.type</c> and not like its <c>type</c>.
    /// </param>
    public static IReadOnlyList<ContractViolation> Check(InvocationRecord record, string requestCniVersion, bool? delegatedIpam)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(requestCniVersion);
        var input = new ContractInput(record, requestCniVersion, delegatedIpam);
        var violations = new List<ContractViolation>();
        foreach (var rule in RuleSet)
        {
            rule.Check(input, violations);
        }

        return violations;
    }
}
