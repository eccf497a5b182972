using CniTest.Harness.Contract;

namespace CniTest.Scenarios.Model;

/// <summary>
/// One thing a check found wrong: the checklist rule it breaks (which may be more specific than the check's own
/// rule, e.g. a DEL check that fails because the plugin printed no error object cites P2), the rule's level and
/// what was expected versus seen.
/// </summary>
public sealed record Finding(string Rule, RuleLevel Level, string Message);
