using CniTest.Bridge.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Bridge.Tests.Unit;

/// <summary>The protocol layer (skel): variables, stdin, versions, errors; checklist ids in each name's comment.</summary>
public sealed class PluginHostTests
{
    private const string Conf = """{"cniVersion":"1.0.0","name":"net1","type":"cnitest-bridge"}""";

    [Theory]
    [InlineData("0.4.0")]
    [InlineData("1.1.0")]
    public void Version_RequestVersion_AnswersWithItAndEverySupportedVersion(string version)
    {
        // Act (P10, P11, P12): only CNI_COMMAND is set
        var (exit, stdout, _, _) = HostHarness.Run(new() { ["CNI_COMMAND"] = "VERSION" }, $$"""{"cniVersion":"{{version}}"}""");

        // Assert
        exit.Should().Be(0);
        stdout!["cniVersion"]!.GetValue<string>().Should().Be(version);
        stdout["supportedVersions"]!.AsArray().Select(v => v!.GetValue<string>())
            .Should().Equal("0.1.0", "0.2.0", "0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0");
    }

    [Fact]
    public void Run_NoCommand_PrintsAboutOnStderrAndExitsZero()
    {
        // Act (P52)
        var (exit, stdout, stderr, plugin) = HostHarness.Run([], "");

        // Assert
        exit.Should().Be(0);
        stdout.Should().BeNull();
        stderr.Should().Contain("1.1.0");
        plugin.Calls.Should().BeEmpty();
    }

    [Fact]
    public void Add_MissingVariables_Code4NamingThem()
    {
        // Arrange (P4, P30)
        var env = HostHarness.Env("ADD");
        env.Remove("CNI_NETNS");
        env["CNI_IFNAME"] = "";

        // Act
        var (exit, stdout, _, plugin) = HostHarness.Run(env, Conf);

        // Assert
        exit.Should().NotBe(0);
        stdout!["code"]!.GetValue<uint>().Should().Be(4);
        stdout["msg"]!.GetValue<string>().Should().Be("required env variables [CNI_NETNS,CNI_IFNAME] missing");
        plugin.Calls.Should().BeEmpty();
    }

    [Fact]
    public void Del_NoNetns_IsAllowed()
    {
        // Arrange (P27)
        var env = HostHarness.Env("DEL");
        env.Remove("CNI_NETNS");

        // Act
        var (exit, stdout, _, plugin) = HostHarness.Run(env, Conf);

        // Assert
        exit.Should().Be(0);
        stdout.Should().BeNull();
        plugin.Calls.Should().Equal("DEL");
    }

    [Theory]
    [InlineData("ADD", "1.0.0", "ADD", null)]
    [InlineData("BOGUS", "1.0.0", null, 4u)]
    [InlineData("CHECK", "0.3.1", null, 1u)] // P35
    [InlineData("CHECK", "0.4.0", "CHECK", null)]
    [InlineData("GC", "1.0.0", null, 1u)] // P43
    [InlineData("STATUS", "1.0.0", null, 1u)] // P48
    [InlineData("STATUS", "1.1.0", "STATUS", null)]
    [InlineData("ADD", "0.0.1", null, 1u)] // P6
    [InlineData("ADD", "99.0.0", null, 1u)]
    [InlineData("ADD", "x.y", null, 6u)]
    public void Run_CommandAndVersion_DispatchesOrRefusesWithCode(string command, string version, string? expectedCall, uint? expectedCode)
    {
        // Act
        var (exit, stdout, _, plugin) = HostHarness.Run(HostHarness.Env(command), $$"""{"cniVersion":"{{version}}","name":"net1","type":"x"}""");

        // Assert
        if (expectedCode is { } code)
        {
            exit.Should().NotBe(0);
            stdout!["code"]!.GetValue<uint>().Should().Be(code);
            plugin.Calls.Should().BeEmpty();
        }
        else
        {
            exit.Should().Be(0);
            plugin.Calls.Should().Equal(expectedCall);
        }
    }

    [Theory]
    [InlineData("{not json", 6u)]
    [InlineData("[1,2]", 6u)]
    [InlineData("""{"cniVersion":"1.0.0","type":"x"}""", 7u)] // no name
    [InlineData("""{"cniVersion":"1.0.0","name":"bad name","type":"x"}""", 7u)]
    [InlineData("""{"cniVersion":5,"name":"n","type":"x"}""", 6u)]
    public void Add_BadStdin_CodeForTheProblem(string stdin, uint code)
    {
        // Act
        var (exit, stdout, _, _) = HostHarness.Run(HostHarness.Env("ADD"), stdin);

        // Assert
        exit.Should().NotBe(0);
        stdout!["code"]!.GetValue<uint>().Should().Be(code);
    }

    [Theory]
    [InlineData("CNI_CONTAINERID", "bad/id")]
    [InlineData("CNI_CONTAINERID", "-leadingdash")]
    [InlineData("CNI_IFNAME", "sixteen-chars-xx")]
    [InlineData("CNI_IFNAME", "eth:0")]
    [InlineData("CNI_IFNAME", "..")]
    public void Add_InvalidVariableValue_Code4(string variable, string value)
    {
        // Arrange
        var env = HostHarness.Env("ADD");
        env[variable] = value;

        // Act
        var (exit, stdout, _, plugin) = HostHarness.Run(env, Conf);

        // Assert
        exit.Should().NotBe(0);
        stdout!["code"]!.GetValue<uint>().Should().Be(4);
        plugin.Calls.Should().BeEmpty();
    }

    [Fact]
    public void Add_NetnsIsOurOwn_RefusesBeforeActing()
    {
        // Act (plugins#714): this process's own namespace as CNI_NETNS
        var (exit, stdout, _, plugin) = HostHarness.Run(HostHarness.Env("ADD", "/proc/self/ns/net"), Conf);

        // Assert
        exit.Should().NotBe(0);
        stdout!["code"]!.GetValue<uint>().Should().Be(4);
        stdout["msg"]!.GetValue<string>().Should().Contain("own network namespace");
        plugin.Calls.Should().BeEmpty();
    }

    [Fact]
    public void Add_NetnsOverrideSet_SkipsTheOwnNamespaceCheck()
    {
        // Arrange
        var env = HostHarness.Env("ADD", "/proc/self/ns/net");
        env["CNI_NETNS_OVERRIDE"] = "1";

        // Act
        var (exit, _, _, plugin) = HostHarness.Run(env, Conf);

        // Assert
        exit.Should().Be(0);
        plugin.Calls.Should().Equal("ADD");
    }

    [Theory]
    [InlineData("0.2.0", "ip4")]
    [InlineData("0.4.0", "ips")]
    [InlineData("1.1.0", "ips")]
    public void Add_Result_PrintedInTheRequestVersionsShape(string version, string addressKey)
    {
        // Act (P15, P16)
        var (exit, stdout, _, _) = HostHarness.Run(HostHarness.Env("ADD"), $$"""{"cniVersion":"{{version}}","name":"net1","type":"x"}""");

        // Assert
        exit.Should().Be(0);
        stdout!["cniVersion"]!.GetValue<string>().Should().Be(version);
        stdout[addressKey].Should().NotBeNull();
    }

    [Fact]
    public void Add_PluginThrowsUntypedException_Code999WithTheMessage()
    {
        // Act: the recording plugin throws InvalidOperationException("boom") when the config says "throw"
        var (exit, stdout, _, _) = HostHarness.Run(HostHarness.Env("ADD"), """{"cniVersion":"1.0.0","name":"net1","type":"x","throw":true}""");

        // Assert: exactly one error object on stdout (P19 cni#571), in the request's version
        exit.Should().NotBe(0);
        stdout!["code"]!.GetValue<uint>().Should().Be(999);
        stdout["msg"]!.GetValue<string>().Should().Be("boom");
        stdout["cniVersion"]!.GetValue<string>().Should().Be("1.0.0");
    }
}
