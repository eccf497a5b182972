using CniTest.Bridge.Commands;
using CniTest.Bridge.Config;
using CniTest.Bridge.Ipam;
using CniTest.Bridge.Skel;
using CniTest.PluginSdk.Results;

namespace CniTest.Bridge;

/// <summary>The bridge plugin: parses its configuration once per call and hands each verb to its command.</summary>
internal sealed class BridgePlugin(Func<string, IIpam> ipamFactory) : IPlugin
{
    public string About => "cnitest bridge plugin (C#, NativeAOT), a known-good CNI reference.";

    public CniResult Add(CmdArgs args) => Run(args, AddCommand.Run);

    public void Del(CmdArgs args) => Run(args, DelCommand.Run);

    public void Check(CmdArgs args) => Run(args, CheckCommand.Run);

    public void Gc(CmdArgs args) => Run(args, GcCommand.Run);

    public void Status(CmdArgs args) => Run(args, StatusCommand.Run);

    private T Run<T>(CmdArgs args, Func<CmdArgs, BridgeConfig, IIpam?, T> command)
    {
        var config = BridgeConfigParser.Parse(args.Config, args.Args);
        return command(args, config, config.IpamType is null ? null : ipamFactory(config.IpamType));
    }

    private void Run(CmdArgs args, Action<CmdArgs, BridgeConfig, IIpam?> command) => Run(args, (a, c, i) =>
    {
        command(a, c, i);
        return true;
    });
}
