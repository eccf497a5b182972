namespace CniTest.PluginSdk.Hosting;

/// <summary>The verbs a runtime sends in <c>CNI_COMMAND</c> (SPEC §2; STATUS and GC since 1.1.0).</summary>
public enum CniCommand
{
    /// <summary>Add the container to the network.</summary>
    Add,

    /// <summary>Remove the container from the network; idempotent (P26).</summary>
    Del,

    /// <summary>Verify the attachment against <c>prevResult</c> (0.4.0+).</summary>
    Check,

    /// <summary>Release resources of attachments not in the valid list (1.1.0+).</summary>
    Gc,

    /// <summary>Report whether ADD can be served (1.1.0+).</summary>
    Status,

    /// <summary>Report supported spec versions.</summary>
    Version,
}

/// <summary>Wire names of <see cref="CniCommand"/> and the spec version each verb appeared in.</summary>
public static class CniCommands
{
    /// <summary>Parses the exact (upper-case) wire name, as Go's skel does.</summary>
    public static bool TryParse(string? text, out CniCommand command)
    {
        (var ok, command) = text switch
        {
            "ADD" => (true, CniCommand.Add),
            "DEL" => (true, CniCommand.Del),
            "CHECK" => (true, CniCommand.Check),
            "GC" => (true, CniCommand.Gc),
            "STATUS" => (true, CniCommand.Status),
            "VERSION" => (true, CniCommand.Version),
            _ => (false, CniCommand.Add),
        };
        return ok;
    }

    /// <summary>The wire name.</summary>
    public static string WireName(this CniCommand command) => command switch
    {
        CniCommand.Add => "ADD",
        CniCommand.Del => "DEL",
        CniCommand.Check => "CHECK",
        CniCommand.Gc => "GC",
        CniCommand.Status => "STATUS",
        _ => "VERSION",
    };

    /// <summary>
    /// The first spec version that defines the verb (checklist §0.2): CHECK 0.4.0, GC and STATUS 1.1.0. A request
    /// at an older version is answered with code 1, like Go's skel (P35, P43, P48).
    /// </summary>
    public static string IntroducedIn(this CniCommand command) => command switch
    {
        CniCommand.Check => "0.4.0",
        CniCommand.Gc or CniCommand.Status => "1.1.0",
        CniCommand.Version => "0.2.0",
        _ => "0.1.0",
    };
}
