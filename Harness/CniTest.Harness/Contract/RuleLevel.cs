namespace CniTest.Harness.Contract;

/// <summary>
/// The spec's strength for a rule (checklist §2 key): which levels fail a run is decided by the run's profile,
/// not here.
/// </summary>
public enum RuleLevel
{
    /// <summary>MUST/must in the spec text for the version under test.</summary>
    Must,
    /// <summary>SHOULD in the spec text, or an obligation the spec implies without a keyword.</summary>
    Should,
    /// <summary>MAY: informational, never a failure.</summary>
    May,
    /// <summary>Only a Go/skel habit (checklist "G"): report it, never fail a non-Go plugin for it.</summary>
    GoOnly,
}
