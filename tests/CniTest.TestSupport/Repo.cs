namespace CniTest.TestSupport;

/// <summary>Paths inside the repository the test binary was built from.</summary>
public static class Repo
{
    /// <summary>The folder holding CniConformance.sln, found by walking up from the test binary.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>fixtures/broken-plugins.</summary>
    public static string BrokenPluginDir => Path.Combine(Root, "fixtures", "broken-plugins");

    /// <summary>fixtures/schemas: sample documents per spec version and kind.</summary>
    public static string SchemaFixtures => Path.Combine(Root, "fixtures", "schemas");

    /// <summary>schemas: the published JSON Schemas.</summary>
    public static string Schemas => Path.Combine(Root, "schemas");

    /// <summary>The path of one broken plugin fixture.</summary>
    public static string BrokenPlugin(string name) => Path.Combine(BrokenPluginDir, name);

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
