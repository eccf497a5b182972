using CniTest.Harness.Contract;

namespace CniTest.Scenarios.Model;

/// <summary>Which findings fail a run (issue 5 "Severity profiles").</summary>
public enum RunProfile
{
    /// <summary>Fails MUST rules and the SHOULD rules real runtimes depend on (the default).</summary>
    Runtime,
    /// <summary>Fails MUST rules only.</summary>
    Spec,
}

/// <summary>What a finding means for the check under the run's profile.</summary>
public enum FindingVerdict
{
    /// <summary>Informational (MAY): reported in the message, changes nothing.</summary>
    Info,
    /// <summary>The check passes with a warning.</summary>
    Warning,
    /// <summary>The check fails.</summary>
    Failure,
}

/// <summary>Decides what a finding of a given level and rule does under a profile.</summary>
/// <param name="Profile">The severity profile.</param>
/// <param name="Strict">--strict: every warning becomes a failure.</param>
public sealed record ProfilePolicy(RunProfile Profile, bool Strict)
{
    /// <summary>
    /// The SHOULD rules that the runtime profile fails, each because real runtimes depend on it: an error object on
    /// failure (P2; cni#732), defined codes only with their meaning (P5, P6; runtimes branch on code 1), every
    /// advertised version accepted (P13; calico#12965), DEL with the netns gone or empty and without prevResult
    /// (P27, P28; plugins#210, cilium#40843), CHECK that notices what is missing (P33); and the pod network a
    /// Kubernetes node depends on: host ports that lead to the pod (P51, hostPort through portMappings), egress from
    /// the source the config asks for (P56, P70), a full-MTU path (P69: a smaller hop black-holes TCP), and no route
    /// left to a deleted pod's address (P71: it misroutes the address's next owner); and what every containerd,
    /// CRI-O and podman node sends: unknown CNI_ARGS keys under IgnoreUnknown=1 (P76), their container ids and netns
    /// paths (P77, a MUST the check reports at that level) and the well-known capability values as runtimes fill them
    /// in (P78).
    /// </summary>
    public static IReadOnlySet<string> RuntimeRules { get; } =
        new HashSet<string>(["P2", "P5", "P6", "P13", "P27", "P28", "P33", "P51", "P56", "P69", "P70", "P71", "P76", "P77", "P78"]);

    public static ProfilePolicy Default { get; } = new(RunProfile.Runtime, false);

    /// <summary>The verdict for a finding at <paramref name="level"/> citing <paramref name="rule"/>.</summary>
    public FindingVerdict Judge(RuleLevel level, string? rule)
    {
        var verdict = level switch
        {
            RuleLevel.Must => FindingVerdict.Failure,
            RuleLevel.Should when Profile == RunProfile.Runtime && rule is not null && RuntimeRules.Contains(rule) => FindingVerdict.Failure,
            RuleLevel.Should or RuleLevel.GoOnly => FindingVerdict.Warning,
            _ => FindingVerdict.Info,
        };
        return Strict && verdict == FindingVerdict.Warning ? FindingVerdict.Failure : verdict;
    }

    /// <summary>The report's name of a level.</summary>
    public static string LevelName(RuleLevel level) => level switch
    {
        RuleLevel.Must => "must",
        RuleLevel.Should => "should",
        RuleLevel.May => "may",
        _ => "go-only",
    };
}
