using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using CniTest.Harness.Invocation;
using CniTest.Harness.Operations;
using CniTest.Plugins.Tests.Bridge.Support;
using CniTest.Scenarios.Sandbox;
using FluentAssertions;
using Xunit;

namespace CniTest.Plugins.Tests.Bridge.Lifecycle;

/// <summary>
/// Issue 14: our bridge's ADD got 42–90 % slower with 200 attachments on the machine while its IPAM stayed flat.
/// The causes were kernel work that grows with the host's links and namespaces, triggered by how we asked: an
/// address dump that walked every device, an alias set on an up port (a walk of the whole IPv6 FIB), and absolute
/// sysctl opens (a dcache chain as long as the number of namespaces). Timing cannot catch their return on a shared
/// machine, so this test records what ADD asks the kernel (CNITEST_NETLINK_TRACE, see KernelCallTrace) with 1 and
/// with <see cref="MoreAttachments"/> more attachments on the bridge, and requires the same requests, the same reply
/// volume and none of the three patterns.
/// </summary>
public sealed class AddScalingTests : IAsyncLifetime
{
    private const int MoreAttachments = 24;
    private const ushort RTM_NEWLINK = 16, RTM_GETADDR = 22, NLM_F_DUMP = 0x300, IFLA_IFALIAS = 20;
    private const uint IFF_UP = 1;

    private FakeHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await TestHosts.CreateAsync("cnitest-br-", ct: TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync()
    {
        _host.Dispose();
        return ValueTask.CompletedTask;
    }

    [PrivilegedFact(Timeout = 180_000)]
    public async Task Add_WithManyAttachmentsOnTheBridge_AsksTheKernelExactlyWhatItAskedWithOne()
    {
        // Arrange: the bridge with one attachment
        var ct = TestContext.Current.CancellationToken;
        var json = BridgeConfs.OwnIpam(_host, "1.0.0");
        var list = BridgeRuntime.Conf(json);
        var runtime = _host.Runtime(cache: false);
        await runtime.AddNetworkListAsync(list, new RuntimeConf("first", _host.NewSandbox("first").Path, "eth0"), ct);

        // Act: a traced ADD with 1 attachment, then MoreAttachments more, then another traced ADD
        var few = await TracedAddAsync(json, "probe1", ct);
        for (var i = 0; i < MoreAttachments; i++)
        {
            await runtime.AddNetworkListAsync(list, new RuntimeConf($"more{i}", _host.NewSandbox($"more{i}").Path, "eth0"), ct);
        }

        var many = await TracedAddAsync(json, "probe2", ct);

        // Assert: nothing in ADD scales with the attachments
        many.Requests.Select(r => r.Shape).Should().Equal(few.Requests.Select(r => r.Shape), "ADD must send the same requests whatever the host holds");
        many.ReceivedBytes.Should().Be(few.ReceivedBytes, "no reply may grow with the number of attachments");
        many.SysctlRootPaths.Should().Equal(few.SysctlRootPaths);
        foreach (var trace in new[] { few, many })
        {
            trace.StrictSockets.Should().BeTrue("dump filters are only honoured on strict sockets (NETLINK_GET_STRICT_CHK)");
            trace.Requests.Where(r => r.IsDump).Should().OnlyContain(
                r => r.Type == RTM_GETADDR && r.AddressIndex != 0, "a dump on the ADD path must name its link, never walk the namespace");
            trace.Requests.Should().NotContain(
                r => r.Type == RTM_NEWLINK && r.SetsAlias && (r.ChangesFlags & IFF_UP) != 0 && (r.Flags & IFF_UP) != 0,
                "an alias set on an up port makes IPv6 walk the host's whole FIB; label the port before bringing it up");
            trace.SysctlRootPaths.Should().OnlyContain(p => p == "/proc/sys/net/ipv4" || p == "/proc/sys/net/ipv6",
                "an absolute sysctl path is looked up through a dentry chain as long as the number of namespaces: only the family directories are opened so, the parameters relative to them");
            trace.SysctlRootPaths.Should().HaveCountLessThanOrEqualTo(4, "each family directory once per namespace (host, container)");
        }
    }

    /// <summary>One ADD of the published (or JIT) cnitest-bridge in the fake host, recording what it asks the kernel.</summary>
    private async Task<KernelTrace> TracedAddAsync(string json, string name, CancellationToken ct)
    {
        var tracePath = Path.Combine(_host.Dir, $"trace-{name}.txt");
        var request = new InvocationRequest("ADD", name, _host.NewSandbox(name).Path, "eth0", [], [BridgeRuntime.PluginDir, AppContext.BaseDirectory],
            Encoding.UTF8.GetBytes(json))
        {
            OverrideVariables = new Dictionary<string, string> { ["CNITEST_NETLINK_TRACE"] = tracePath },
        };
        var record = await _host.CreateExecutor(TestHosts.PluginTimeout).ExecuteAsync(Path.Combine(BridgeRuntime.PluginDir, "cnitest-bridge"), request, ct);
        record.ExitCode.Should().Be(0, record.StdoutText + Encoding.UTF8.GetString(record.Stderr));
        File.Exists(tracePath).Should().BeTrue("the plugin writes its trace when CNITEST_NETLINK_TRACE is set");
        return KernelTrace.Parse(File.ReadAllLines(tracePath));
    }

    private sealed record NetlinkRequest(ushort Type, ushort HeaderFlags, uint Flags, uint ChangesFlags, uint AddressIndex, bool SetsAlias)
    {
        public bool IsDump => (HeaderFlags & NLM_F_DUMP) == NLM_F_DUMP;

        public string Shape => $"{Type}/{HeaderFlags:x}";

        /// <summary>nlmsghdr (16 bytes), then ifinfomsg (RTM_*LINK: flags at 8, change at 12) or ifaddrmsg (index at 4).</summary>
        public static NetlinkRequest Parse(byte[] m)
        {
            var type = BinaryPrimitives.ReadUInt16LittleEndian(m.AsSpan(4));
            var flags = BinaryPrimitives.ReadUInt16LittleEndian(m.AsSpan(6));
            var isLink = type is >= 16 and <= 19;
            var alias = false;
            if (isLink)
            {
                for (var at = 32; at + 4 <= m.Length;)
                {
                    var length = BinaryPrimitives.ReadUInt16LittleEndian(m.AsSpan(at));
                    alias |= (BinaryPrimitives.ReadUInt16LittleEndian(m.AsSpan(at + 2)) & 0x3fff) == IFLA_IFALIAS;
                    at += Math.Max(4, (length + 3) & ~3);
                }
            }

            return new NetlinkRequest(
                type,
                flags,
                isLink ? BinaryPrimitives.ReadUInt32LittleEndian(m.AsSpan(24)) : 0,
                isLink ? BinaryPrimitives.ReadUInt32LittleEndian(m.AsSpan(28)) : 0,
                type == RTM_GETADDR ? BinaryPrimitives.ReadUInt32LittleEndian(m.AsSpan(20)) : 0,
                alias);
        }
    }

    private sealed record KernelTrace(IReadOnlyList<NetlinkRequest> Requests, long ReceivedBytes, bool StrictSockets, IReadOnlyList<string> SysctlRootPaths)
    {
        public static KernelTrace Parse(IEnumerable<string> lines)
        {
            var requests = new List<NetlinkRequest>();
            long received = 0;
            var strict = true;
            var roots = new List<string>();
            foreach (var line in lines)
            {
                var (kind, value) = (line.Split(' ', 2)[0], line.Split(' ', 2)[1]);
                switch (kind)
                {
                    case "send": requests.Add(NetlinkRequest.Parse(Convert.FromHexString(value))); break;
                    case "recv": received += long.Parse(value, CultureInfo.InvariantCulture); break;
                    case "socket": strict &= value == "strict=1"; break;
                    case "sysctl-root": roots.Add(value); break;
                }
            }

            return new KernelTrace(requests, received, strict, roots);
        }
    }
}
