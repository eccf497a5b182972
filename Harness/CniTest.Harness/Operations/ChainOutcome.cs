using System.Runtime.ExceptionServices;
using System.Text.Json.Nodes;
using CniTest.Harness.Config;
using CniTest.Harness.Errors;
using CniTest.Harness.Invocation;
using CniTest.Harness.Results;

namespace CniTest.Harness.Operations;

/// <summary>One plugin's part in an operation over a list: what it was asked, what it answered, what the runtime made of it.</summary>
/// <param name="Plugin">The plugin object of the list.</param>
/// <param name="CniVersion">The <c>cniVersion</c> the plugin was sent.</param>
public sealed record PluginStep(PluginConfig Plugin, string CniVersion)
{
    /// <summary>The request the runtime built for the plugin (its stdin); null when it was not built.</summary>
    public JsonObject? Request { get; init; }

    /// <summary>The call; null when the plugin was not run (not found on the plugin path, an invalid name).</summary>
    public InvocationRecord? Record { get; init; }

    /// <summary>ADD: the result the plugin printed, parsed at <see cref="CniVersion"/>.</summary>
    public ICniResult? Result { get; init; }

    /// <summary>Why the step failed (the plugin's error, an unreadable result, a missing binary); null on success.</summary>
    public CniHarnessException? Error { get; init; }

    /// <summary>True when the step did what the operation needs.</summary>
    public bool Succeeded => Error is null;
}

/// <summary>
/// What an operation over a list did, plugin by plugin (the <c>Trace…Async</c> methods of <see cref="CniRuntime"/>).
/// Plugin failures are data here; <see cref="ThrowIfFailed"/> turns them into the exceptions the untraced methods throw.
/// </summary>
public sealed class ChainOutcome
{
    internal ChainOutcome(string command, IReadOnlyList<PluginStep> steps, IReadOnlyList<CniHarnessException> errors, ICniResult? result = null)
    {
        Command = command;
        Steps = steps;
        Errors = errors;
        Result = result;
    }

    /// <summary>The operation (<c>ADD</c>, <c>CHECK</c>, <c>DEL</c>, <c>GC</c>, <c>STATUS</c>).</summary>
    public string Command { get; }

    /// <summary>Every plugin the operation reached, in call order (reverse list order for DEL).</summary>
    public IReadOnlyList<PluginStep> Steps { get; }

    /// <summary>ADD: the final result, in the version the last plugin returned it (as libcni returns it).</summary>
    public ICniResult? Result { get; }

    /// <summary>The failures, in order; more than one only where the operation goes on after an error (GC, DEL with <see cref="RuntimeOptions.DelContinuesOnError"/>).</summary>
    public IReadOnlyList<CniHarnessException> Errors { get; }

    /// <summary>True when nothing failed.</summary>
    public bool Succeeded => Errors.Count == 0;

    /// <summary>The step of the plugin at <paramref name="plugin"/>, or null when the operation did not reach it.</summary>
    public PluginStep? StepOf(PluginConfig plugin) => Steps.FirstOrDefault(s => ReferenceEquals(s.Plugin, plugin));

    /// <summary>
    /// Throws when the operation failed: the error itself when there is one, else all of them as
    /// <see cref="OperationErrorsException"/>. GC always reports as a whole, since it goes on after every error (R34).
    /// </summary>
    public void ThrowIfFailed()
    {
        if (Errors.Count == 0)
        {
            return;
        }

        if (Errors.Count == 1 && Command != CniCommand.Gc)
        {
            ExceptionDispatchInfo.Throw(Errors[0]);
        }

        throw new OperationErrorsException(Command, Errors);
    }
}
