namespace CniTest.Harness.Invocation;

/// <summary>
/// Sees every plugin call the runtime makes, after it returns. The CLI attaches the output-contract checker
/// here so that every output is validated; reports and record/replay attach here too.
/// </summary>
public interface IInvocationObserver
{
    /// <summary>Called once per plugin call, after it returned, on the thread that made it.</summary>
    /// <param name="record">The call as executed.</param>
    /// <param name="pluginType">The plugin's <c>type</c>.</param>
    /// <param name="requestCniVersion">The <c>cniVersion</c> sent on stdin ("" for VERSION without input).</param>
    void OnInvocation(InvocationRecord record, string pluginType, string requestCniVersion);
}
