namespace CniTest.Harness.Invocation;

/// <summary>The <c>CNI_COMMAND</c> values (SPEC §2; STATUS is missing from the spec's own list, checklist §5.29).</summary>
public static class CniCommand
{
    /// <summary>ADD: attach a container to the network (SPEC §2).</summary>
    public const string Add = "ADD";

    /// <summary>DEL: detach and release everything ADD made (SPEC §2).</summary>
    public const string Del = "DEL";

    /// <summary>CHECK: verify an attachment is as ADD left it (from 0.4.0).</summary>
    public const string Check = "CHECK";

    /// <summary>GC: release resources of attachments not in the valid list (from 1.1.0).</summary>
    public const string Gc = "GC";

    /// <summary>STATUS: can the plugin serve ADD now (from 1.1.0).</summary>
    public const string Status = "STATUS";

    /// <summary>VERSION: which spec versions the plugin supports.</summary>
    public const string Version = "VERSION";
}
