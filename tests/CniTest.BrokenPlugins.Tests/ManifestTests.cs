using System.Text.RegularExpressions;
using CniTest.BrokenPlugins.Tests.Probes;
using CniTest.BrokenPlugins.Tests.Support;
using CniTest.Harness.Rules;
using CniTest.Scenarios.Sandbox;
using FluentAssertions;
using Xunit;

namespace CniTest.BrokenPlugins.Tests;

/// <summary>
/// fixtures/broken-plugins/manifest.json and the scripts agree: every fixture exists, is an executable bash script
/// with the required header (defect, bug, checklist id), parses, and has a probe that proves its defect.
/// </summary>
public sealed partial class ManifestTests
{
    private static readonly string[] Roles = ["interface", "chained", "ipam"];
    private static readonly string[] NotFixtures = ["lib", "manifest.json", "README.md"];

    [Fact]
    public void Load_Manifest_HasAtLeastEighteenUniqueCompleteEntries()
    {
        // Act
        var entries = BrokenPluginManifest.Load();

        // Assert
        entries.Should().HaveCountGreaterThanOrEqualTo(18, "issue 5 asks for at least 15 broken plugins, the brief for 18");
        entries.Select(e => e.Plugin).Should().OnlyHaveUniqueItems();
        entries.Should().AllSatisfy(e =>
        {
            e.Plugin.Should().MatchRegex("^[a-z0-9][a-z0-9-]*$");
            Roles.Should().Contain(e.Role);
            e.Reference.Should().NotBeNullOrWhiteSpace();
            e.Defect.Should().NotBeNullOrWhiteSpace();
            e.ExpectedCheck.Should().NotBeNullOrWhiteSpace();
        });
    }

    [Fact]
    public void Load_Manifest_ChecklistIdsArePluginObligationsAndBugsAreIssueReferences()
    {
        // Act
        var entries = BrokenPluginManifest.Load();

        // Assert: the P ids are the plugin obligations of the rule catalogue (schemas/rules/cni-rules.json)
        entries.Should().AllSatisfy(e =>
        {
            PId().IsMatch(e.ChecklistId).Should().BeTrue($"{e.Plugin}: '{e.ChecklistId}' is not a P-id");
            (RuleCatalog.Default.Find(e.ChecklistId)?.Side).Should().Be(RuleSide.Plugin, $"{e.Plugin}: {e.ChecklistId} is a plugin rule of the catalogue");
            if (e.Bug is not null)
            {
                e.Bug.Should().MatchRegex(@"^[\w.-]+/[\w.-]+#\d+$", e.Plugin);
            }
        });
    }

    [Fact]
    public void Fixtures_EveryManifestEntry_IsAnExecutableBashScriptWithItsHeader()
    {
        // Act
        var entries = BrokenPluginManifest.Load();

        // Assert
        entries.Should().AllSatisfy(e =>
        {
            File.Exists(e.Path).Should().BeTrue($"{e.Path} should exist");
            File.GetUnixFileMode(e.Path).Should().HaveFlag(UnixFileMode.UserExecute, e.Plugin);
            var lines = File.ReadLines(e.Path).Take(20).ToList();
            lines[0].Should().Be("#!/usr/bin/env bash", e.Plugin);
            lines.Should().Contain(l => l.StartsWith("# Defect: ", StringComparison.Ordinal), e.Plugin);
            lines.Should().Contain(l => l.StartsWith($"# Bug: {e.Bug ?? "null"}", StringComparison.Ordinal), $"{e.Plugin} header names bug {e.Bug ?? "null"}");
            lines.Should().Contain(l => l.StartsWith($"# Checklist: {e.ChecklistId} ", StringComparison.Ordinal), e.Plugin);
            lines.Should().Contain(l => l.StartsWith($"# Role: {e.Role}", StringComparison.Ordinal), e.Plugin);
        });
    }

    [Fact]
    public void Fixtures_FolderContents_AreAllInTheManifest()
    {
        // Arrange
        var listed = BrokenPluginManifest.Load().Select(e => e.Plugin).ToHashSet();

        // Act
        var present = Directory.EnumerateFileSystemEntries(Repo.BrokenPluginDir).Select(Path.GetFileName).OfType<string>()
            .Except(NotFixtures).ToList();

        // Assert
        present.Should().BeEquivalentTo(listed);
    }

    [Fact]
    public async Task Fixtures_EveryScript_ParsesWithBashNoExec()
    {
        // Arrange
        var scripts = BrokenPluginManifest.Load().Select(e => e.Path).Append(Path.Combine(Repo.BrokenPluginDir, "lib", "broken.sh"));

        // Act
        var failures = new List<(string Script, string Error)>();
        foreach (var script in scripts)
        {
            if (await BashSyntaxErrorAsync(script) is { } error)
            {
                failures.Add((script, error));
            }
        }

        // Assert
        failures.Should().BeEmpty();
    }

    [Fact]
    public void Probes_EveryManifestEntry_HasExactlyOneProbe()
    {
        // Act
        var listed = BrokenPluginManifest.Load().Select(e => e.Plugin).ToList();

        // Assert
        DefectProbes.All.Keys.Should().BeEquivalentTo(listed);
    }

    private static async Task<string?> BashSyntaxErrorAsync(string script)
    {
        var output = await HelperCommand.RunAsync(null, "bash", ["-n", script], ct: TestContext.Current.CancellationToken);
        return output.ExitCode == 0 ? null : output.Stderr;
    }

    [GeneratedRegex(@"^P\d+$")]
    private static partial Regex PId();
}
