using CniTest.PluginSdk.Conventions;
using CniTest.PluginSdk.Hosting;
using CniTest.PluginSdk.Results;

namespace CniTest.Bridge.Ipam;

/// <summary>
/// Our own IPAM (cnitest-ipam) called as a library instead of exec'd: each exec costs ~3 ms (issue 6 item 1). It
/// gets the same request an exec would (SPEC §4: same environment and stdin, only CNI_COMMAND differs) and fails
/// the same way, with the same codes. To keep what a runtime can observe identical, the binary must still be in
/// CNI_PATH: without it, the exec path fails with "failed to find plugin", and so does this one.
/// </summary>
internal sealed class InProcessIpam(ICniPlugin plugin, string type) : IIpam
{
    public CniResult Add(CmdArgs args) => plugin.Add(As(args, CniCommand.Add));

    public void Del(CmdArgs args) => plugin.Del(As(args, CniCommand.Del));

    public void Check(CmdArgs args) => plugin.Check(As(args, CniCommand.Check));

    public void Gc(CmdArgs args) => plugin.Gc(As(args, CniCommand.Gc), Attachments.ReadValid(args.Config));

    public void Status(CmdArgs args) => plugin.Status(As(args, CniCommand.Status));

    private CmdArgs As(CmdArgs args, CniCommand command)
    {
        ExecIpam.Find(type, args.PathDirectories);
        return args with { Command = command };
    }
}
