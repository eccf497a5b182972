using CniTest.Bridge.Commands;
using CniTest.Bridge.Config;
using CniTest.Bridge.Ipam;
using CniTest.PluginSdk.Conventions;
using CniTest.PluginSdk.Hosting;
using CniTest.PluginSdk.Results;

namespace CniTest.Bridge;

/// <summary>
/// The bridge plugin behind the SDK's skel-style host: parses its configuration once per call, guards against
/// acting on its own namespace, and hands each verb to its command.
/// </summary>
internal sealed class BridgePlugin(Func<string, IIpam> ipamFactory, Func<string, string?> getenv) : ICniPlugin
{
    /// <summary>What the host prints when CNI_COMMAND is missing (P52).</summary>
    public static readonly PluginInfo Info = new("cnitest bridge plugin (C#, NativeAOT): a known-good CNI reference with every verb.");

    public CniResult Add(CmdArgs args) => Run(args, AddCommand.Run);

    public void Del(CmdArgs args) => Run(args, DelCommand.Run);

    public void Check(CmdArgs args) => Run(args, CheckCommand.Run);

    public void Gc(CmdArgs args, IReadOnlyList<Attachment> validAttachments) =>
        Run(args, (a, c, i) => GcCommand.Run(a, c, i, validAttachments));

    public void Status(CmdArgs args) => Run(args, StatusCommand.Run);

    private T Run<T>(CmdArgs args, Func<CmdArgs, BridgeConfig, IIpam?, T> command)
    {
        NetnsGuard.RefuseOwnNamespace(args, getenv);
        var config = BridgeConfigParser.Parse(args.Config, args.ParseArgs(BridgeConfigParser.CniArgsKeys));
        if (config.IpamType is not null)
        {
            PluginHost.Require(args.Path, "CNI_PATH"); // delegation searches it (SPEC §4)
        }

        return command(args, config, config.IpamType is null ? null : ipamFactory(config.IpamType));
    }

    private void Run(CmdArgs args, Action<CmdArgs, BridgeConfig, IIpam?> command) => Run(args, (a, c, i) =>
    {
        command(a, c, i);
        return true;
    });
}
