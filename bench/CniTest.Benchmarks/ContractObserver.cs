using CniTest.Harness.Contract;
using CniTest.Harness.Invocation;

namespace CniTest.Benchmarks;

/// <summary>The output contract on every call, as <c>cnitest add</c>'s ContractReporter runs it (R27, P14).</summary>
internal sealed class ContractObserver : IInvocationObserver
{
    public int Violations { get; private set; }

    public void OnInvocation(InvocationRecord record, string pluginType, string requestCniVersion) =>
        Violations += OutputContract.Check(record, requestCniVersion).Count;
}
