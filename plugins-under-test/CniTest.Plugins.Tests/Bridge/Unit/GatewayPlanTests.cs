using System.Net;
using CniTest.Bridge.Config;
using CniTest.Bridge.Network;
using CniTest.PluginSdk.Results;
using FluentAssertions;
using Xunit;

namespace CniTest.Plugins.Tests.Bridge.Unit;

/// <summary>Go bridge calcGateways semantics on IPAM results.</summary>
public sealed class GatewayPlanTests
{
    private static readonly BridgeConfig Gateway = new() { Name = "n", IsGateway = true };
    private static readonly BridgeConfig DefaultGateway = new() { Name = "n", IsGateway = true, IsDefaultGateway = true };

    [Fact]
    public void From_IsGatewayWithoutIpamGateway_UsesFirstAddressOfSubnet()
    {
        // Arrange
        var ipam = new CniResult { Ips = [new CniIpConfig(IpCidr.Parse("10.22.3.7/16"))] };

        // Act
        var plan = GatewayPlan.From(ipam, Gateway);

        // Assert
        plan.Result.Ips.Should().ContainSingle().Which.Should().Be(
            new CniIpConfig(IpCidr.Parse("10.22.3.7/16")) { Gateway = IPAddress.Parse("10.22.0.1"), Interface = 2 });
        plan.BridgeAddresses.Should().Equal(IpCidr.Parse("10.22.0.1/16"));
        plan.Result.Routes.Should().BeEmpty();
    }

    [Fact]
    public void From_IsDefaultGateway_AddsOneDefaultRoutePerFamily()
    {
        // Arrange
        var ipam = new CniResult
        {
            Ips =
            [
                new CniIpConfig(IpCidr.Parse("10.1.0.5/24")) { Gateway = IPAddress.Parse("10.1.0.254") },
                new CniIpConfig(IpCidr.Parse("10.2.0.5/24")),
                new CniIpConfig(IpCidr.Parse("fd00::5/64")),
            ],
        };

        // Act
        var plan = GatewayPlan.From(ipam, DefaultGateway);

        // Assert
        plan.Result.Routes.Should().Equal(
            new CniRoute(IpCidr.Parse("0.0.0.0/0")) { Gw = IPAddress.Parse("10.1.0.254") },
            new CniRoute(IpCidr.Parse("::/0")) { Gw = IPAddress.Parse("fd00::1") });
        plan.BridgeAddresses.Should().Equal(IpCidr.Parse("10.1.0.254/24"), IpCidr.Parse("10.2.0.1/24"), IpCidr.Parse("fd00::1/64"));
    }

    [Fact]
    public void From_IpamAlreadyHasDefaultRouteWithGateway_AddsNone()
    {
        // Arrange
        var existing = new CniRoute(IpCidr.Parse("0.0.0.0/0")) { Gw = IPAddress.Parse("10.1.0.9") };
        var ipam = new CniResult { Ips = [new CniIpConfig(IpCidr.Parse("10.1.0.5/24"))], Routes = [existing] };

        // Act
        var plan = GatewayPlan.From(ipam, DefaultGateway);

        // Assert
        plan.Result.Routes.Should().Equal(existing);
    }

    [Fact]
    public void From_NotGateway_KeepsIpamGatewayAndGivesTheBridgeNoAddress()
    {
        // Arrange
        var ipam = new CniResult { Ips = [new CniIpConfig(IpCidr.Parse("10.1.0.5/24")) { Gateway = IPAddress.Parse("10.1.0.1") }] };

        // Act
        var plan = GatewayPlan.From(ipam, new BridgeConfig { Name = "n" });

        // Assert
        plan.BridgeAddresses.Should().BeEmpty();
        plan.Result.Ips[0].Gateway.Should().Be(IPAddress.Parse("10.1.0.1"));
        plan.Result.Ips[0].Interface.Should().Be(2);
    }

    [Fact]
    public void From_TwoAddressesSameGateway_BridgeAddressOnce()
    {
        // Arrange
        var ipam = new CniResult { Ips = [new CniIpConfig(IpCidr.Parse("10.1.0.5/24")), new CniIpConfig(IpCidr.Parse("10.1.0.6/24"))] };

        // Act
        var plan = GatewayPlan.From(ipam, Gateway);

        // Assert
        plan.BridgeAddresses.Should().Equal(IpCidr.Parse("10.1.0.1/24"));
    }
}
