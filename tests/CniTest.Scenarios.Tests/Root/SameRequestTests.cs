using System.Text.Json.Nodes;
using CniTest.Harness.Sandbox;
using CniTest.Scenarios.Configs;
using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Model;
using CniTest.Scenarios.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Scenarios.Tests.Root;

/// <summary>
/// One runtime (issue 9): <c>cnitest run --config FILE</c> and <c>cnitest add</c> load the same file to the same
/// request, byte for byte: <c>cniVersions</c> selection (R5), <c>capabilities</c> removed (SPEC 1.1), capability
/// arguments copied into <c>runtimeConfig</c> only where declared (R24), a file's own <c>runtimeConfig</c> passed
/// through where no capability matched. Both sides are observed at the plugin itself (the fake plugin's call log).
/// </summary>
[Collection(RootCollection.Name)]
public sealed class SameRequestTests
{
    private const string Conflist = """
        {"cniVersion":"0.4.0","cniVersions":["1.0.0","1.1.0","2.0.0"],"name":"samenet","plugins":[
          {"type":"fake-subject","capabilities":{"portMappings":true,"bandwidth":false},
           "runtimeConfig":{"replaced":true},"some":{"nested":[1,2.50,"x"]}},
          {"type":"fake-partner","runtimeConfig":{"kept":1},"capabilities":{"ips":true}}]}
        """;

    [PrivilegedFact]
    public async Task RunConfigAndCliAdd_SameConflist_SendTheSameRequests()
    {
        // Arrange
        using var plugins = new FakePluginDirectory();
        var versions = new JsonArray("0.4.0", "1.0.0", "1.1.0");
        var subject = plugins.Add("fake-subject", new JsonObject { ["supportedVersions"] = versions.DeepClone(), ["log"] = plugins.LogPath("fake-subject") });
        plugins.Add("fake-partner", new JsonObject { ["supportedVersions"] = versions.DeepClone(), ["result"] = "PASSTHROUGH", ["log"] = plugins.LogPath("fake-partner") });
        using var dir = new TempDir();
        var confDir = Directory.CreateDirectory(Path.Combine(dir.Path, "net.d")).FullName;
        var file = Path.Combine(confDir, "10-samenet.conflist");
        File.WriteAllText(file, Conflist);

        // Act 1: the suite; its preflight ADD is attachment 1 at the config's selected version
        await SuiteRunner.RunAsync(new RunOptions
        {
            PluginPath = subject,
            Role = PluginRole.Interface,
            ConfigPath = file,
            PartnerPath = [plugins.Path],
            Filter = "version.reply",
        }, ct: TestContext.Current.CancellationToken);
        var suiteSubject = FirstAdd(plugins, "fake-subject");
        var suitePartner = FirstAdd(plugins, "fake-partner");
        File.Delete(plugins.LogPath("fake-subject"));
        File.Delete(plugins.LogPath("fake-partner"));

        // Act 2: the CLI, with the suite's capability arguments of attachment 1
        using var netns = NetworkNamespace.Create(Path.Combine(dir.Path, "c1"));
        using var cli = CliProcess.Start(new Dictionary<string, string>
        {
            ["NETCONFPATH"] = confDir,
            ["CNI_PATH"] = plugins.Path,
            ["CNITEST_CACHE_DIR"] = Path.Combine(dir.Path, "cache"),
            ["CAP_ARGS"] = new JsonObject([.. CapabilityArgs.Values(1).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))]).ToJsonString(),
        }, "add", "samenet", netns.Path);
        var exit = await cli.WaitForExitAsync(TimeSpan.FromSeconds(30));

        // Assert
        exit.Should().Be(0, string.Join("\n", cli.Lines));
        var cliSubject = FirstAdd(plugins, "fake-subject");
        cliSubject["cniVersion"]!.GetValue<string>().Should().Be("1.1.0", "cniVersions selects the highest supported version (R5)");
        cliSubject.Should().NotContainKey("capabilities");
        cliSubject["runtimeConfig"]!.AsObject().Select(p => p.Key).Should().Equal("portMappings");
        suiteSubject.ToJsonString().Should().Be(cliSubject.ToJsonString());

        // The partner's prevResult holds each attachment's own netns path; everything else is the same.
        var cliPartner = FirstAdd(plugins, "fake-partner");
        cliPartner["runtimeConfig"]!.ToJsonString().Should().Be("""{"kept":1}""", "no declared capability matched (R24)");
        suitePartner.Remove("prevResult");
        cliPartner.Remove("prevResult");
        suitePartner.ToJsonString().Should().Be(cliPartner.ToJsonString());
    }

    private static JsonObject FirstAdd(FakePluginDirectory plugins, string type) =>
        (JsonObject)JsonNode.Parse(plugins.Calls(type).First(c => c["command"]!.GetValue<string>() == "ADD")["stdin"]!.GetValue<string>())!;

    private sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("cnitest-same-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
