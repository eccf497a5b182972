namespace CniTest.Scenarios.Model;

/// <summary>A check's verdict; a passed check may still carry a warning (<see cref="CheckResult.IsWarning"/>).</summary>
public enum CheckOutcome
{
    Passed,
    Failed,
    Skipped,

    /// <summary>
    /// The check did not run to its end: cnitest itself threw (a bug), or a helper command or the environment failed
    /// under it. Neither a verdict on the plugin nor a decided skip, so it never lets a run pass unnoticed: it is
    /// counted apart, reported as an error in every format, and the run exits 2 unless a check failed.
    /// </summary>
    Error,
}
