using System.Net;
using CniTest.PluginSdk.Conventions;
using CniTest.PluginSdk.Hosting;
using CniTest.PluginSdk.Results;

namespace CniTest.Plugins.Tests.Support;

/// <summary>A plugin double: records the call it received and answers with a fixed dual-stack result.</summary>
public sealed class RecordingPlugin : ICniPlugin
{
    public CmdArgs? Received { get; private set; }

    public IReadOnlyList<Attachment>? ReceivedAttachments { get; private set; }

    public Exception? Throw { get; init; }

    public static CniResult DualStack { get; } = new()
    {
        Interfaces = [new CniInterface("eth0") { Mac = "02:00:00:00:00:01", Sandbox = "/var/run/netns/test", Mtu = 1500 }],
        Ips =
        [
            new CniIpConfig(IpCidr.Parse("10.1.0.5/24")) { Gateway = IPAddress.Parse("10.1.0.1"), Interface = 0 },
            new CniIpConfig(IpCidr.Parse("fd00::5/64")) { Gateway = IPAddress.Parse("fd00::1"), Interface = 0 },
        ],
        Routes = [new CniRoute(IpCidr.Parse("0.0.0.0/0")) { Gw = IPAddress.Parse("10.1.0.1"), Priority = 10 }],
    };

    public CniResult Add(CmdArgs args) => Record(args, () => DualStack);

    public void Del(CmdArgs args) => Record(args, () => DualStack);

    public void Check(CmdArgs args) => Record(args, () => DualStack);

    public void Gc(CmdArgs args, IReadOnlyList<Attachment> validAttachments)
    {
        ReceivedAttachments = validAttachments;
        Record(args, () => DualStack);
    }

    public void Status(CmdArgs args) => Record(args, () => DualStack);

    private CniResult Record(CmdArgs args, Func<CniResult> result)
    {
        Received = args;
        if (Throw is not null)
            throw Throw;
        return result();
    }
}
