namespace CniTest.Scenarios.Recording;

/// <summary>
/// One step of a recorded check, as one self-contained file (<c>schemas/record/cnitest-record-step.schema.json</c>):
/// a plugin call with everything it was sent and answered and the fake host it ran in, or a sandbox action (drift)
/// the check performed between calls. Replay re-runs the steps of a check in their order.
/// </summary>
public sealed record RecordedStep
{
    /// <summary>The format tag of a step file.</summary>
    public const string FormatTag = "cnitest-record-step/1";

    /// <summary>Always <see cref="FormatTag"/>.</summary>
    public string Format { get; init; } = FormatTag;

    /// <summary>The recording key of the check (<c>del.twice@1.1.0</c>; <c>cli-001-add</c> for a CLI command).</summary>
    public required string Check { get; init; }

    /// <summary>The check id (<c>del.twice</c>); null for a CLI command.</summary>
    public string? CheckId { get; init; }

    /// <summary>The version the check ran at; null for a version-independent check or a CLI command.</summary>
    public string? CniVersion { get; init; }

    /// <summary>1-based position among the check's steps (calls and actions together).</summary>
    public required int Step { get; init; }

    /// <summary><c>call</c> or <c>action</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Where the step happened: the fake host (or, for the CLI, the namespaces it was given).</summary>
    public required RecordedLayout Layout { get; init; }

    /// <summary>The plugin call (kind <c>call</c>).</summary>
    public RecordedCall? Call { get; init; }

    /// <summary>The sandbox action (kind <c>action</c>).</summary>
    public RecordedAction? Action { get; init; }

    /// <summary>The keys whose values were masked (<c>--redact</c>).</summary>
    public IReadOnlyList<string> Redacted { get; init; } = [];

    /// <summary>Step kinds.</summary>
    public const string CallKind = "call", ActionKind = "action";
}

/// <summary>The fake host a step ran in, so replay can build the same one.</summary>
public sealed record RecordedLayout
{
    /// <summary>The fake host's private directory; every path under it is rewritten on replay. Null for the CLI.</summary>
    public string? HostDir { get; init; }

    /// <summary>The network namespace plugins ran in (the fake host's, <c>--host-netns</c>, or null: the caller's own).</summary>
    public string? HostNetns { get; init; }

    /// <summary>The links created as <c>master</c> candidates (veth pairs) in the fake host.</summary>
    public IReadOnlyList<string> MasterLinks { get; init; } = [];

    /// <summary><c>--host-profile</c>: plain or docker.</summary>
    public string HostProfile { get; init; } = "plain";

    /// <summary>The container namespaces of the fake host at this step.</summary>
    public IReadOnlyList<RecordedSandbox> Sandboxes { get; init; } = [];
}

/// <summary>A container namespace of the fake host.</summary>
/// <param name="Name">Its pin's file name (<c>sandbox1</c>).</param>
/// <param name="Path">The pin, as passed in <c>CNI_NETNS</c>.</param>
/// <param name="Deleted">True once the check deleted it (P27 checks).</param>
public sealed record RecordedSandbox(string Name, string Path, bool Deleted);

/// <summary>One plugin call.</summary>
public sealed record RecordedCall
{
    /// <summary>The binary that ran.</summary>
    public required string Plugin { get; init; }

    /// <summary>The plugin's <c>type</c>.</summary>
    public required string PluginType { get; init; }

    /// <summary>True for the plugin under test (what <c>replay --plugin</c> substitutes); false for a partner.</summary>
    public bool Subject { get; init; }

    /// <summary>How the output contract judged it: as a delegated IPAM plugin (true), not (false), or inferred (null).</summary>
    public bool? DelegatedIpam { get; init; }

    /// <summary><c>CNI_COMMAND</c>.</summary>
    public required string Command { get; init; }

    /// <summary>The <c>cniVersion</c> of the request ("" for a VERSION without input).</summary>
    public string RequestCniVersion { get; init; } = "";

    /// <summary>The <c>CNI_*</c> variables exactly as the plugin saw them (an omitted one is absent).</summary>
    public required IReadOnlyDictionary<string, string> Env { get; init; }

    /// <summary>Stdin as UTF-8 text (absent when it is not valid UTF-8: see <see cref="StdinBase64"/>).</summary>
    public string? Stdin { get; init; }

    /// <summary>Stdin bytes, only when they are not valid UTF-8 (bad-input checks).</summary>
    public string? StdinBase64 { get; init; }

    /// <summary>What the plugin printed on stdout.</summary>
    public string Stdout { get; init; } = "";

    /// <summary>What the plugin printed on stderr.</summary>
    public string Stderr { get; init; } = "";

    /// <summary>Exit status.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The signal that ended it, if one did.</summary>
    public int? Signal { get; init; }

    /// <summary>Killed after the timeout.</summary>
    public bool TimedOut { get; init; }

    /// <summary>Wall time in milliseconds.</summary>
    public double DurationMs { get; init; }

    /// <summary>The call's verdict as replay compares it (see <see cref="CallVerdict"/>).</summary>
    public required CallVerdict Verdict { get; init; }
}

/// <summary>Something a check did to the fake host between calls (drift), replayed in the same place.</summary>
public sealed record RecordedAction
{
    /// <summary>
    /// <c>sandbox-ip-batch</c> (iproute2 commands in a sandbox), <c>sandbox-delete</c>, <c>host-ip-batch</c> (in the
    /// fake host) or <c>cache-forget</c> (the runtime dropped its cached result; nothing to do on replay, since calls
    /// carry their recorded stdin).
    /// </summary>
    public required string Kind { get; init; }

    /// <summary>The sandbox's name for the sandbox actions.</summary>
    public string? Sandbox { get; init; }

    /// <summary>The iproute2 batch, or what was forgotten.</summary>
    public string? Commands { get; init; }

    /// <summary>Action kinds.</summary>
    public const string SandboxIpBatch = "sandbox-ip-batch", SandboxDelete = "sandbox-delete", HostIpBatch = "host-ip-batch", CacheForget = "cache-forget";
}
