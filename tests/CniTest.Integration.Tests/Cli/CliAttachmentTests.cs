using System.Text.Json.Nodes;
using CniTest.Cli;
using CniTest.Integration.Tests.Support;
using CniTest.Scenarios.Sandbox;
using FluentAssertions;
using Xunit;

namespace CniTest.Integration.Tests.Cli;

/// <summary>
/// The user's path through the CLI (issue #3 "tried as a new user"): <c>cnitest add</c> with a conflist in
/// NETCONFPATH attaches a namespace with Debian's bridge, <c>check</c> passes, <c>del</c> undoes it, and
/// <c>validate</c> names a missing plugin. Plugins run inside the test's fake host via <c>--host-netns</c>.
/// </summary>
public sealed class CliAttachmentTests : IAsyncLifetime
{
    private FakeHost _host = null!;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    private async Task<int> Cnitest(params string[] args)
    {
        var env = new Dictionary<string, string>
        {
            ["NETCONFPATH"] = Path.Combine(_host.Dir, "net.d"),
            ["CNI_PATH"] = "/usr/lib/cni",
            ["CNITEST_CACHE_DIR"] = _host.CacheDir,
        };
        return await CliApp.RunAsync(args, new CliContext(n => env.GetValueOrDefault(n), _out, _err));
    }

    private void Conflist(string name, string json)
    {
        Directory.CreateDirectory(Path.Combine(_host.Dir, "net.d"));
        File.WriteAllText(Path.Combine(_host.Dir, "net.d", name), json);
    }

    [PrivilegedFact(Timeout = 120_000)]
    public async Task AddCheckDel_ThroughTheCli_AttachesThenLeavesNothing()
    {
        // Arrange
        _ = TestContext.Current.CancellationToken;
        Conflist("10-mynet.conflist", Networks.BridgeJson(_host, name: "mynet"));
        var container = _host.NewSandbox("c1");
        string[] where = ["--host-netns", _host.NetnsPath, "mynet", container.Path];

        // Act
        var add = await Cnitest(["add", .. where]);
        var printed = _out.ToString();
        var check = await Cnitest(["check", .. where]);
        var addresses = (await NetnsView.ReadAsync(container.Path)).GlobalAddresses;
        var del = await Cnitest(["del", .. where]);

        // Assert
        (add, check, del).Should().Be((0, 0, 0), _err.ToString());
        var address = JsonNode.Parse(printed)!["ips"]![0]!["address"]!.GetValue<string>();
        addresses.Should().Contain($"eth0 {address}");
        (await NetnsView.ReadAsync(container.Path)).LinkNames.Should().Equal("lo");
        (await NetnsView.ReadAsync(_host.NetnsPath)).LinkNames.Should().NotContain(l => l.StartsWith("veth"));
        _host.IpamReservations().Should().BeEmpty();
    }

    [PrivilegedFact(Timeout = 60_000)]
    public async Task Validate_MissingPluginBinary_NamesItAndExitsOne()
    {
        // Arrange
        _ = TestContext.Current.CancellationToken;
        Conflist("10-mynet.conflist", """{"cniVersion":"1.0.0","name":"mynet","plugins":[{"type":"bridge"},{"type":"no-such-plugin"}]}""");

        // Act
        var exit = await Cnitest("validate", Path.Combine(_host.Dir, "net.d"));

        // Assert
        exit.Should().Be(1);
        _out.ToString().Should().Contain("no-such-plugin").And.Contain("missing");
    }

    public async ValueTask InitializeAsync() => _host = await TestHosts.CreateAsync("cnitest-it-", ct: TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync()
    {
        _host.Dispose();
        return ValueTask.CompletedTask;
    }
}
