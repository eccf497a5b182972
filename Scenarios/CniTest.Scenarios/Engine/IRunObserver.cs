using CniTest.Scenarios.Model;

namespace CniTest.Scenarios.Engine;

/// <summary>Follows a run as it happens (live progress on a terminal, plain lines in CI).</summary>
public interface IRunObserver
{
    /// <summary>The preflight is done and these checks will run.</summary>
    void Planned(RunPlan plan, IReadOnlyList<PlannedCheck> checks);

    void Started(PlannedCheck check);

    /// <summary>A check (or a contract rule) has its verdict. May be called from several threads.</summary>
    void Finished(CheckResult result);
}
