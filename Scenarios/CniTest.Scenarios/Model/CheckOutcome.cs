namespace CniTest.Scenarios.Model;

/// <summary>A check's verdict; a passed check may still carry a warning (<see cref="CheckResult.IsWarning"/>).</summary>
public enum CheckOutcome
{
    Passed,
    Failed,
    Skipped,
}
