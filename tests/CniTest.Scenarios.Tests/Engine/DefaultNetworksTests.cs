using System.Text.Json.Nodes;
using CniTest.Scenarios.Configs;
using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Model;
using FluentAssertions;
using Xunit;

namespace CniTest.Scenarios.Tests.Engine;

/// <summary>The built-in configs are dual-stack by default and follow <c>--ip-family</c> (issue 10).</summary>
public sealed class DefaultNetworksTests
{
    [Theory]
    [InlineData(PluginRole.Interface)]
    [InlineData(PluginRole.Chained)]
    [InlineData(PluginRole.Ipam)]
    public void For_DefaultFamily_HasAnIpv4AndAnIpv6RangeAndDefaultRoute(PluginRole role)
    {
        // Act
        var ipam = Ipam(DefaultNetworks.For(role, "/usr/lib/cni/bridge", ["/usr/lib/cni"]));

        // Assert
        Subnets(ipam).Should().Equal(DefaultNetworks.Subnet, DefaultNetworks.Subnet6);
        Routes(ipam).Should().Equal("0.0.0.0/0", "::/0");
    }

    [Fact]
    public void For_IpamRoleDual_ListsAStaticAddressOfEachFamilyWithItsGateway()
    {
        // Act
        var spec = DefaultNetworks.For(PluginRole.Ipam, "/usr/lib/cni/static", []);

        // Assert
        Ipam(spec)["addresses"]!.AsArray().Select(a => $"{a!["address"]} via {a["gateway"]}")
            .Should().Equal("10.99.0.250/24 via 10.99.0.1", "fd00:99::250/64 via fd00:99::1");
        spec.StaticAddresses().Should().BeEquivalentTo("10.99.0.250", "fd00:99::250");
    }

    [Theory]
    [InlineData(IpFamily.Ipv4, "10.99.0.0/24", "0.0.0.0/0")]
    [InlineData(IpFamily.Ipv6, "fd00:99::/64", "::/0")]
    public void For_OneFamily_HasOnlyThatFamily(IpFamily family, string subnet, string route)
    {
        // Act
        var ipam = Ipam(DefaultNetworks.For(PluginRole.Interface, "/usr/lib/cni/bridge", ["/usr/lib/cni"], family));

        // Assert
        Subnets(ipam).Should().Equal(subnet);
        Routes(ipam).Should().Equal(route);
    }

    [Fact]
    public void Second_DualNetwork_RoutesItsOwnPrefixesInsteadOfDefaultRoutes()
    {
        // Arrange
        var spec = DefaultNetworks.For(PluginRole.Interface, "/usr/lib/cni/bridge", ["/usr/lib/cni"]);

        // Act
        var ipam = Ipam(DefaultNetworks.Second(spec));

        // Assert
        Subnets(ipam).Should().Equal(DefaultNetworks.SecondSubnet, DefaultNetworks.SecondSubnet6);
        Routes(ipam).Should().Equal("10.97.0.0/16", "fd00:97::/48");
    }

    [Theory]
    [InlineData(IpFamily.Dual, "10.99.0.0/30;fd00:99::/64 fd00:99::2-fd00:99::2")]
    [InlineData(IpFamily.Ipv4, "10.99.0.0/30")]
    [InlineData(IpFamily.Ipv6, "fd00:99::/64 fd00:99::2-fd00:99::2")]
    public void ExhaustedRanges_Family_HoldOneAddressPerFamily(IpFamily family, string expected)
    {
        // Act
        var ranges = DefaultNetworks.ExhaustedRanges(family);

        // Assert
        string.Join(';', ranges.Select(set => set![0]!["rangeStart"] is null
                ? $"{set[0]!["subnet"]}"
                : $"{set[0]!["subnet"]} {set[0]!["rangeStart"]}-{set[0]!["rangeEnd"]}"))
            .Should().Be(expected);
    }

    [Theory]
    [InlineData("ipv4", IpFamily.Ipv4)]
    [InlineData("ipv6", IpFamily.Ipv6)]
    [InlineData("dual", IpFamily.Dual)]
    public void IpFamilies_CommandLineSpelling_RoundTrips(string text, IpFamily family)
    {
        // Act
        var parsed = IpFamilies.TryParse(text, out var parsedFamily);

        // Assert
        parsed.Should().BeTrue();
        parsedFamily.Should().Be(family);
        IpFamilies.Name(family).Should().Be(text);
    }

    [Fact]
    public void RunOptions_WithoutIpFamily_AreDualWhereTheKernelHasIpv6()
    {
        // Act
        var options = new RunOptions { PluginPath = "/usr/lib/cni/bridge" };

        // Assert
        options.IpFamily.Should().Be(IpFamilies.KernelSupportsIpv6 ? IpFamily.Dual : IpFamily.Ipv4);
    }

    /// <summary>The IPAM section the role's config gives the plugin (the chained role: its bridge's).</summary>
    private static JsonObject Ipam(NetworkSpec spec) => (JsonObject)spec.Members[0].Config["ipam"]!;

    private static IEnumerable<string> Subnets(JsonObject ipam) =>
        ipam["ranges"]!.AsArray().Select(set => set![0]!["subnet"]!.GetValue<string>());

    private static IEnumerable<string> Routes(JsonObject ipam) =>
        ipam["routes"]!.AsArray().Select(r => r!["dst"]!.GetValue<string>());
}
