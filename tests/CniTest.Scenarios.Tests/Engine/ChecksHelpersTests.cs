using CniTest.Harness.Config;
using CniTest.Harness.Operations;
using System.Net;
using System.Text.Json.Nodes;
using CniTest.Scenarios.Checks;
using CniTest.Scenarios.Configs;
using FluentAssertions;
using Xunit;

namespace CniTest.Scenarios.Tests.Engine;

public sealed class ChecksHelpersTests
{
    [Theory]
    [InlineData("required env variables [CNI_NETNS] missing", "CNI_NETNS", true)]
    [InlineData("invalid characters in containerID", "CNI_CONTAINERID", true)]
    [InlineData("unknown CNI_COMMAND: FROBNICATE", "CNI_COMMAND", true)]
    [InlineData("invalid environment", "CNI_IFNAME", false)]
    public void Names_Message_RecognisesTheVariableInAnySpelling(string message, string variable, bool expected)
    {
        // Act
        var names = BadInputChecks.Names(message, variable);

        // Assert
        names.Should().Be(expected);
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("169.254.3.4", false)]
    [InlineData("10.99.0.2", true)]
    public void IsPooled_Address_IsFalseForPerSandboxAddresses(string address, bool expected)
    {
        // Act
        var pooled = ResultView.IsPooled(IPAddress.Parse(address));

        // Assert
        pooled.Should().Be(expected);
    }

    [Theory]
    [InlineData("10.99.0.5/24", "10.99.0.0/24", true)]
    [InlineData("0.0.0.0/0", "0.0.0.0/0", true)]
    [InlineData("10.99.0.1", "10.99.0.1/32", true)]
    [InlineData("10.98.0.0/24", "10.99.0.0/24", false)]
    public void SameNetwork_RouteDestinations_CompareByNetwork(string a, string b, bool expected)
    {
        // Act
        var same = ResultView.SameNetwork(a, b);

        // Assert
        same.Should().Be(expected);
    }

    [Fact]
    public void Render_BuiltInConfig_ReplacesTheIpamDirectoryMarker()
    {
        // Arrange
        var spec = DefaultNetworks.For(CniTest.Scenarios.Model.PluginRole.Ipam, "/opt/x/host-local", []);

        // Act
        var config = NetworkSpec.Render(spec.Subject, "/tmp/h/ipam");

        // Assert
        config["ipam"]!["dataDir"]!.GetValue<string>().Should().Be("/tmp/h/ipam");
        spec.Subject.Config["ipam"]!["dataDir"]!.GetValue<string>().Should().Be(NetworkSpec.IpamDirMarker);
    }

    [Fact]
    public void Second_BuiltInNetwork_HasItsOwnNameSubnetAndAddresses()
    {
        // Arrange
        var spec = DefaultNetworks.For(CniTest.Scenarios.Model.PluginRole.Ipam, "/opt/x/static", []);

        // Act
        var second = DefaultNetworks.Second(spec);

        // Assert
        second.Name.Should().Be(DefaultNetworks.SecondNetworkName);
        second.Subject.Config.ToJsonString().Should().Contain(DefaultNetworks.SecondSubnet).And.Contain("10.98.0.250/24").And.NotContain("10.99.")
            .And.Contain(DefaultNetworks.SecondSubnet6).And.Contain("fd00:98::250/64").And.NotContain("fd00:99:");
        second.StaticAddresses().Should().Equal("10.98.0.250", "fd00:98::250");
    }

    [Theory]
    [InlineData("fd00:99::2/64", "fd00:99:0:0:0:0:0:2/64", true)]
    [InlineData("fd00:99::2/64", "FD00:99::2/64", true)]
    [InlineData("fd00:99::2/64", "fd00:99::2/128", false)]
    [InlineData("10.99.0.2/24", "10.99.0.2/24", true)]
    [InlineData("fd00:99::3/64", "fd00:99::2/64", false)]
    public void Holds_KernelAddress_ComparesAddressesNotText(string kernel, string result, bool expected)
    {
        // Act
        var holds = ResultView.Holds([kernel], CniTest.Harness.Results.Cidr.Parse(result));

        // Assert
        holds.Should().Be(expected);
    }

    [Theory]
    [InlineData("fd00:99::1", "fd00:99:0::1", true)]
    [InlineData("10.99.0.1", "10.99.0.1", true)]
    [InlineData(null, "10.99.0.1", false)]
    [InlineData("fd00:99::1", "fd00:98::1", false)]
    public void SameAddress_KernelGateway_ComparesAddresses(string? kernel, string gateway, bool expected)
    {
        // Act
        var same = ResultView.SameAddress(kernel, IPAddress.Parse(gateway));

        // Assert
        same.Should().Be(expected);
    }

    [Fact]
    public void CapabilityArgs_DeclaredCapabilities_GetTestValuesPerAttachment()
    {
        // Arrange: the runtime copies into runtimeConfig only what the plugin declares true (R24)
        var list = ConfigParser.ParseList(System.Text.Encoding.UTF8.GetBytes("""
            {"cniVersion":"1.0.0","name":"n","plugins":[{"type":"portmap",
             "capabilities":{"portMappings":true,"bandwidth":false,"unknownCap":true}}]}
            """));
        var runtime = new CniRuntime(new RuntimeOptions { PluginPath = ["/x"] });
        JsonObject RuntimeConfig(int index) => (JsonObject)runtime.BuildRequest(list, list.Plugins[0],
            new RuntimeConf("c", "/n", "eth0") { CapabilityArgs = CapabilityArgs.Values(index) }, null)["runtimeConfig"]!;

        // Act
        var first = RuntimeConfig(1);
        var second = RuntimeConfig(2);

        // Assert
        first.Select(p => p.Key).Should().Equal("portMappings");
        first["portMappings"]![0]!["hostPort"]!.GetValue<int>().Should().NotBe(second["portMappings"]![0]!["hostPort"]!.GetValue<int>());
    }
}
