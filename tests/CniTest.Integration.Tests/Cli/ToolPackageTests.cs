using CniTest.TestSupport;
using FluentAssertions;
using Xunit;

namespace CniTest.Integration.Tests.Cli;

/// <summary>
/// Issue 13 part 5: the CLI packs as a .NET tool that works without the repository. The test packs the CLI this test
/// binary was built with, installs it with <c>dotnet tool install --tool-path</c> into a temp folder, and runs
/// <c>--help</c> and a short <c>run --plugin /usr/lib/cni/bridge</c> from a directory outside the clone, so schemas and
/// the rule catalogue must come from the package. Everything lives under one temp folder, removed at the end.
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cnitest-tool-").FullName;

    [PrivilegedFact(Timeout = 180_000)]
    public async Task PackedTool_InstallsAndRunsOutsideTheRepository()
    {
        // Arrange: the package from the CLI's Release build (built with this test project), installed into _dir/bin.
        var ct = TestContext.Current.CancellationToken;
        var feed = Path.Combine(_dir, "feed");
        var bin = Path.Combine(_dir, "bin");
        var csproj = Path.Combine(Repo.Root, "Cli", "CniTest.Cli", "CniTest.Cli.csproj");
        var pack = await Run("dotnet", ["pack", csproj, "-c", "Release", "--no-build", "-nologo", "-v", "q", "-o", feed], ct);
        pack.Code.Should().Be(0, pack.Output);
        Directory.GetFiles(feed, "cnitest.*.nupkg").Should().ContainSingle();
        // Only the local feed: the machine's sources (nuget.org, a mirror) are neither needed nor always reachable
        // (a DNS hiccup on api.nuget.org failed this once), and a tool package has no dependencies to fetch.
        var config = Path.Combine(_dir, "nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="local" value="{feed}" /></packageSources></configuration>
            """);
        var install = await Run("dotnet", ["tool", "install", "--tool-path", bin, "--configfile", config, "--add-source", feed, "cnitest"], ct);
        install.Code.Should().Be(0, install.Output);
        var tool = Path.Combine(bin, "cnitest");

        // Act
        var help = await Run(tool, ["--help"], ct);
        var run = await Run(tool, ["run", "--plugin", "/usr/lib/cni/bridge", "--filter", "version.reply"], ct);
        var ownBridge = await Run(tool, ["run"], ct);

        // Assert
        help.Code.Should().Be(0, help.Output);
        help.Output.Should().Contain("cnitool-compatible").And.Contain("run");
        run.Code.Should().Be(0, run.Output);
        run.Output.Should().Contain("PASSED: bridge");
        // Without --plugin an installed tool has no bridge of ours to publish: one clear line, exit 2 (no stack trace).
        ownBridge.Code.Should().Be(2, ownBridge.Output);
        ownBridge.Output.Trim().Should().StartWith("cnitest: ").And.Contain("--plugin").And.NotContain("   at ");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Runs a program from the temp folder (outside the clone), stdout and stderr together.</summary>
    private async Task<(int Code, string Output)> Run(string file, IReadOnlyList<string> args, CancellationToken ct)
    {
        var env = new Dictionary<string, string?>
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["CNITEST_OWN_PLUGINS"] = null,
        };
        var (code, stdout, stderr) = await ChildProcess.RunAsync(file, args, _dir, env, ct);
        return (code, stdout + stderr);
    }
}
