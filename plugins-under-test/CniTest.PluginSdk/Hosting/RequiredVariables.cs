namespace CniTest.PluginSdk.Hosting;

/// <summary>
/// Which <c>CNI_*</c> variables must be non-empty per verb: the spec's "required" column (checklist R23), not Go
/// skel's stricter one (skel also demands <c>CNI_PATH</c> for ADD/DEL/CHECK, P30, a G-level quirk). A plugin that
/// needs <c>CNI_PATH</c> (to delegate) checks it itself with <see cref="PluginHost.Require"/>.
/// </summary>
internal static class RequiredVariables
{
    public static IReadOnlyList<string> For(CniCommand command) => command switch
    {
        CniCommand.Add or CniCommand.Check => ["CNI_CONTAINERID", "CNI_NETNS", "CNI_IFNAME"],
        CniCommand.Del => ["CNI_CONTAINERID", "CNI_IFNAME"],
        CniCommand.Gc => ["CNI_PATH"],
        _ => [],
    };
}
