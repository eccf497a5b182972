using CniTest.Plugins.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Plugins.Tests.Ipam;

/// <summary>The built cnitest-ipam binary, executed like a runtime does; IPAM needs no network namespace.</summary>
public sealed class IpamProcessTests : IDisposable
{
    private readonly IpamScratch _scratch = new();

    [Theory]
    [InlineData("0.2.0", 1)] // CHECK does not exist before 0.4.0 (P35)
    [InlineData("0.4.0", 0)]
    [InlineData("1.1.0", 0)]
    public void AddCheckDel_AtVersion_WorksEndToEnd(string version, int checkExitCode)
    {
        // Arrange
        var config = _scratch.Config(IpamScratch.DualStack, version).ToJsonString();

        // Act
        var add = IpamBinary.Run(PluginProcess.Env("ADD"), config);
        var check = IpamBinary.Run(PluginProcess.Env("CHECK"), config);
        var del = IpamBinary.Run(PluginProcess.Env("DEL"), config);
        var delAgain = IpamBinary.Run(PluginProcess.Env("DEL"), config);

        // Assert
        add.ExitCode.Should().Be(0, add.Stdout);
        add.Json!["cniVersion"]!.GetValue<string>().Should().Be(version);
        add.Stdout.Should().Contain("10.10.0.2/24").And.Contain("fd00:10::2/64");
        check.ExitCode.Should().Be(checkExitCode, check.Stdout);
        (del.ExitCode, delAgain.ExitCode, del.Stdout, delAgain.Stdout).Should().Be((0, 0, "", ""));
        _scratch.Files().Should().Equal("last_reserved_ip.0", "last_reserved_ip.1", "lock");
    }

    [Fact]
    public void Version_AnyRequest_EchoesItsVersion()
    {
        var outcome = IpamBinary.Run(new Dictionary<string, string> { ["CNI_COMMAND"] = "VERSION" }, """{"cniVersion":"0.3.1"}""");

        outcome.ExitCode.Should().Be(0);
        outcome.Json!["cniVersion"]!.GetValue<string>().Should().Be("0.3.1");
        outcome.Json["supportedVersions"]!.AsArray().Should().HaveCount(7);
    }

    [Fact]
    public void Version_StdinAndStdoutAreFiles_OutputLandsBeforeWhatTheShellAppends()
    {
        // Arrange: a file (seekable) instead of the usual pipes, shared with the shell: our output must move the shared
        // file offset like write(2) does, or the shell's next line overwrites it.
        var input = Path.Combine(_scratch.DataDir, "in.json");
        var output = Path.Combine(_scratch.DataDir, "out.txt");
        File.WriteAllText(input, """{"cniVersion":"0.4.0"}""");

        // Act
        var shell = PluginProcess.Run("/bin/sh", ["-c", "{ CNI_COMMAND=VERSION \"$0\" < \"$1\"; echo appended; } > \"$2\"", IpamBinary.Path, input, output],
            new Dictionary<string, string>(), "");

        // Assert
        shell.ExitCode.Should().Be(0, shell.Stderr);
        File.ReadAllText(output).Should().StartWith("""{"cniVersion":"0.4.0","supportedVersions":""").And.EndWith("]}\nappended\n");
    }

    [Fact]
    public void Add_MalformedStdin_ExitsNonZeroWithCode6()
    {
        var outcome = IpamBinary.Run(PluginProcess.Env("ADD"), "{");

        outcome.ExitCode.Should().NotBe(0);
        outcome.Json!["code"]!.GetValue<int>().Should().Be(6);
    }

    [Fact]
    public void GcAndStatus_AtV110_Succeed()
    {
        // Arrange
        var config = _scratch.Config();
        IpamBinary.Run(PluginProcess.Env("ADD", "a"), config.ToJsonString()).ExitCode.Should().Be(0);
        IpamBinary.Run(PluginProcess.Env("ADD", "b"), config.ToJsonString()).ExitCode.Should().Be(0);
        config["cni.dev/valid-attachments"] = System.Text.Json.Nodes.JsonNode.Parse("""[{"containerID":"b","ifname":"eth0"}]""");
        var env = new Dictionary<string, string> { ["CNI_COMMAND"] = "GC", ["CNI_PATH"] = "/usr/lib/cni" };

        // Act
        var gc = IpamBinary.Run(env, config.ToJsonString());
        var status = IpamBinary.Run(new Dictionary<string, string> { ["CNI_COMMAND"] = "STATUS", ["CNI_PATH"] = "/usr/lib/cni" }, config.ToJsonString());

        // Assert
        (gc.ExitCode, gc.Stdout).Should().Be((0, ""));
        (status.ExitCode, status.Stdout).Should().Be((0, ""));
        _scratch.Files().Should().Equal("10.10.0.3", "last_reserved_ip.0", "lock");
    }

    [Fact]
    public void Add_ManyInParallel_AllSucceedWithDistinctAddresses()
    {
        // Arrange (P8): separate processes contend for the flock
        var config = _scratch.Config().ToJsonString();

        // Act
        var outcomes = Enumerable.Range(0, 16).AsParallel().WithDegreeOfParallelism(8)
            .Select(i => IpamBinary.Run(PluginProcess.Env("ADD", $"p{i}"), config)).ToList();

        // Assert
        outcomes.Should().OnlyContain(o => o.ExitCode == 0);
        outcomes.Select(o => o.Json!["ips"]![0]!["address"]!.GetValue<string>()).Should().OnlyHaveUniqueItems();
        _scratch.Files().Count(f => f.StartsWith("10.", StringComparison.Ordinal)).Should().Be(16);
    }

    public void Dispose() => _scratch.Dispose();
}
