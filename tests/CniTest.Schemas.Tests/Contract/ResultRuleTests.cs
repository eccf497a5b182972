using System.Text.Json.Nodes;
using CniTest.Harness.Contract;
using CniTest.Schemas.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Schemas.Tests.Contract;

/// <summary>
/// result.schema, result.ips-version-unknown, ipam.abbreviated (P24), result.cni-version (P15),
/// result.interface-index (P17), result.ip-version-consistent, result.route-family (P16), result.sandbox (P18).
/// </summary>
public sealed class ResultRuleTests
{
    private static string Edit(string json, Action<JsonObject> edit)
    {
        var o = JsonNode.Parse(json)!.AsObject();
        edit(o);
        return o.ToJsonString();
    }

    private static IReadOnlyList<ContractViolation> Add(string result, string version = "1.1.0") =>
        OutputContract.Check(Records.Add(result), version);

    [Theory]
    [InlineData("0.1.0")]
    [InlineData("0.2.0")]
    [InlineData("0.3.0")]
    [InlineData("0.3.1")]
    [InlineData("0.4.0")]
    [InlineData("1.0.0")]
    [InlineData("1.1.0")]
    public void Check_TypicalResultOfEachVersion_HasNoViolations(string version)
    {
        var violations = Add(Records.BridgeResult(version), version);

        violations.Should().BeEmpty();
    }

    [Fact]
    public void Check_ResultWithBadShape_ViolatesResultSchemaOncePerProblem()
    {
        // Arrange: a bad CIDR and a missing interface name
        var result = Edit(Records.BridgeResult(), o =>
        {
            o["ips"]![0]!["address"] = "10.1.0.5";
            o["interfaces"]![0]!.AsObject().Remove("name");
        });

        // Act
        var violations = Add(result);

        // Assert
        violations.Of("result.schema").Should().HaveCount(2);
        violations.Of("result.schema").Should().OnlyContain(v => v.Level == RuleLevel.Must && v.ChecklistId == "P16");
        violations.Of("result.schema").Select(v => v.Message).Should()
            .Contain(m => m.Contains("ips[0].address")).And.Contain(m => m.Contains("interfaces[0].name"));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"ok\"")]
    [InlineData("null")]
    public void Check_ResultThatIsNotAnObject_ViolatesResultSchemaAtTheRoot(string stdout)
    {
        var violations = Add(stdout);

        violations.ShouldHaveOne("result.schema", RuleLevel.Must, "(root)");
    }

    [Fact]
    public void Check_ResultInOtherVersion_IsValidatedAgainstItsOwnVersion()
    {
        // A 0.4.0-shaped result answering a 1.1.0 request: one P15 violation, not a cascade of shape errors.
        var violations = Add(Records.BridgeResult("0.4.0"), "1.1.0");

        violations.ShouldHaveOne("result.cni-version", RuleLevel.Must, "\"0.4.0\"");
        violations.ShouldHaveNone("result.schema");
    }

    [Fact]
    public void Check_OneXResultWithIpsVersion_WarnsIpsVersionUnknown()
    {
        var violations = Add(Edit(Records.BridgeResult(), o => o["ips"]![0]!["version"] = "4"));

        violations.ShouldHaveOne("result.ips-version-unknown", RuleLevel.Should, "ips[0]");
        violations.ShouldHaveNone("result.schema");
    }

    [Fact]
    public void Check_ZeroXResultWithIpsVersion_KeepsIpsVersionUnknown()
    {
        var violations = Add(Records.BridgeResult("0.4.0"), "0.4.0");

        violations.ShouldHaveNone("result.ips-version-unknown");
    }

    [Theory]
    [InlineData("1.1.0", RuleLevel.Must)]
    [InlineData("0.4.0", RuleLevel.Should)] // SHOULD in 0.x (errata P24)
    public void Check_IpamPluginReturnsInterfaces_ViolatesAbbreviated(string version, RuleLevel level)
    {
        // Arrange: host-local called as the bridge's IPAM plugin, answering with a full result
        var record = Records.Add(Records.BridgeResult(version), plugin: "host-local",
            stdin: $$$"""{"cniVersion":"{{{version}}}","name":"n","type":"bridge","ipam":{"type":"host-local"}}""");

        // Act
        var violations = OutputContract.Check(record, version);

        // Assert
        violations.Of("ipam.abbreviated").Should().HaveCount(2); // interfaces and ips[0].interface
        violations.Of("ipam.abbreviated").Should().OnlyContain(v => v.Level == level);
        violations.ShouldHaveNone("result.schema");
    }

    [Fact]
    public void Check_IpamPluginReturnsAbbreviatedResult_KeepsAbbreviated()
    {
        var record = Records.Add("""{"cniVersion":"1.1.0","ips":[{"address":"10.1.0.5/16","gateway":"10.1.0.1"}],"routes":[{"dst":"0.0.0.0/0"}]}""",
            plugin: "host-local", stdin: """{"cniVersion":"1.1.0","name":"n","type":"bridge","ipam":{"type":"host-local"}}""");

        var violations = OutputContract.Check(record, "1.1.0");

        violations.Should().BeEmpty();
    }

    [Fact]
    public void Check_ExplicitIpamRole_OverridesInference()
    {
        var violations = OutputContract.Check(Records.Add(Records.BridgeResult()), "1.1.0", delegatedIpam: true);

        violations.Of("ipam.abbreviated").Should().NotBeEmpty();
    }

    [Fact]
    public void Check_ResultVersionDiffersFromRequest_ViolatesCniVersion()
    {
        var violations = Add(Records.BridgeResult("1.0.0"), "1.1.0");

        violations.ShouldHaveOne("result.cni-version", RuleLevel.Must, "\"1.0.0\"");
    }

    [Fact]
    public void Check_ResultWithoutCniVersion_ViolatesCniVersion()
    {
        var violations = Add(Edit(Records.BridgeResult(), o => o.Remove("cniVersion")));

        violations.ShouldHaveOne("result.cni-version", RuleLevel.Must, "no cniVersion");
        violations.ShouldHaveNone("result.schema");
    }

    [Fact]
    public void Check_ResultInRequestedVersion_KeepsCniVersion()
    {
        var violations = Add(Records.BridgeResult("1.0.0"), "1.0.0");

        violations.ShouldHaveNone("result.cni-version");
    }

    [Fact]
    public void Check_InterfaceIndexPastTheList_ViolatesInterfaceIndex()
    {
        var violations = Add(Edit(Records.BridgeResult(), o => o["ips"]![0]!["interface"] = 3));

        violations.ShouldHaveOne("result.interface-index", RuleLevel.Should, "3 interface(s)");
    }

    [Fact]
    public void Check_InterfaceIndexWithoutInterfaces_ViolatesInterfaceIndex()
    {
        var violations = Add(Edit(Records.BridgeResult(), o => o.Remove("interfaces")));

        violations.ShouldHaveOne("result.interface-index", RuleLevel.Should, "0 interface(s)");
    }

    [Fact]
    public void Check_InterfaceIndexOfLastInterface_KeepsInterfaceIndex()
    {
        var violations = Add(Edit(Records.BridgeResult(), o => o["ips"]![0]!["interface"] = 2));

        violations.ShouldHaveNone("result.interface-index");
    }

    [Theory]
    [InlineData("6", "10.1.0.5/16", "fd00::1", "address")]
    [InlineData("4", "10.1.0.5/16", "fd00::1", "gateway")]
    public void Check_IpsVersionDisagreesWithAddress_ViolatesIpVersionConsistent(string ipVersion, string address, string gateway, string key)
    {
        var result = Edit(Records.BridgeResult("0.4.0"), o =>
        {
            o["ips"]![0]!["version"] = ipVersion;
            o["ips"]![0]!["address"] = address;
            o["ips"]![0]!["gateway"] = gateway;
        });

        var violations = Add(result, "0.4.0");

        violations.ShouldHaveOne("result.ip-version-consistent", RuleLevel.Must, key);
    }

    [Fact]
    public void Check_IpsVersionSixWithIPv6Address_KeepsIpVersionConsistent()
    {
        var result = Edit(Records.BridgeResult("0.3.1"), o =>
        {
            o["ips"]![0]!["version"] = "6";
            o["ips"]![0]!["address"] = "fd00::5/64";
            o["ips"]![0]!["gateway"] = "fd00::1";
        });

        var violations = Add(result, "0.3.1");

        violations.ShouldHaveNone("result.ip-version-consistent");
        violations.Should().BeEmpty();
    }

    [Fact]
    public void Check_RouteMixingFamilies_ViolatesRouteFamily()
    {
        var violations = Add(Edit(Records.BridgeResult(), o => o["routes"]![0]!["gw"] = "fd00::1"));

        violations.ShouldHaveOne("result.route-family", RuleLevel.Must, "routes[0]");
    }

    [Fact]
    public void Check_RouteOfOneFamily_KeepsRouteFamily()
    {
        var violations = Add(Edit(Records.BridgeResult(), o => o["routes"]![0]!["gw"] = "10.1.0.1"));

        violations.ShouldHaveNone("result.route-family");
    }

    [Theory]
    [InlineData("1.1.0", RuleLevel.Should)]
    [InlineData("0.4.0", RuleLevel.Must)] // MUST in 0.3.x/0.4.0 (errata)
    public void Check_ContainerInterfaceInOtherSandbox_ViolatesSandbox(string version, RuleLevel level)
    {
        var violations = Add(Edit(Records.BridgeResult(version), o => o["interfaces"]![2]!["sandbox"] = "/run/netns/other"), version);

        violations.ShouldHaveOne("result.sandbox", level, "/run/netns/other");
    }

    [Fact]
    public void Check_ContainerInterfaceWithoutSandbox_ViolatesSandbox()
    {
        var violations = Add(Edit(Records.BridgeResult(), o => o["interfaces"]![2]!.AsObject().Remove("sandbox")));

        violations.ShouldHaveOne("result.sandbox", RuleLevel.Should, "no sandbox");
    }

    [Fact]
    public void Check_ContainerInterfaceInCniNetns_KeepsSandbox()
    {
        var violations = Add(Records.BridgeResult());

        violations.ShouldHaveNone("result.sandbox");
    }
}
