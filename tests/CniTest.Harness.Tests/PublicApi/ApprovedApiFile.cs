using Xunit;

namespace CniTest.Harness.Tests.PublicApi;

/// <summary>
/// The approved API text, <c>PublicApi/CniTest.Harness.approved.txt</c> in the source tree. With
/// <c>CNITEST_APPROVE_API=1</c> the current text is written there instead of compared.
/// </summary>
internal static class ApprovedApiFile
{
    public const string ApproveVariable = "CNITEST_APPROVE_API";

    /// <summary>The approved file, found from the test binary by walking up to CniConformance.sln.</summary>
    public static string Path { get; } = System.IO.Path.Combine(
        RepositoryRoot(), "tests", "CniTest.Harness.Tests", "PublicApi", "CniTest.Harness.approved.txt");

    /// <summary>Fails with a unified diff (approved → current) and how to approve, unless the texts are equal.</summary>
    public static void AssertMatches(string current)
    {
        if (Environment.GetEnvironmentVariable(ApproveVariable) == "1")
        {
            File.WriteAllText(Path, current);
            return;
        }

        var approved = File.Exists(Path) ? File.ReadAllText(Path).ReplaceLineEndings("\n") : "";
        if (approved == current)
        {
            return;
        }

        Assert.Fail(
            "The public API of CniTest.Harness differs from the approved file.\n" +
            TextDiff.Unified(approved, current, "approved: " + Path, "current: the built CniTest.Harness.dll") +
            "\nIf the change is intended, approve it and commit the file:\n" +
            $"  {ApproveVariable}=1 tests/CniTest.Harness.Tests/bin/Release/net10.0/CniTest.Harness.Tests " +
            "-class CniTest.Harness.Tests.PublicApi.PublicApiTests\n");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "CniConformance.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no CniConformance.sln above {AppContext.BaseDirectory}");
    }
}
