namespace CniTest.Schemas.Tests.Support;

/// <summary>Finds the repository's folders from the test binary's location (bin/Release/net10.0 below the project).</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string SchemaFixtures => Path.Combine(Root, "fixtures", "schemas");

    public static string Schemas => Path.Combine(Root, "schemas");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CniConformance.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no CniConformance.sln above {AppContext.BaseDirectory}");
    }
}
