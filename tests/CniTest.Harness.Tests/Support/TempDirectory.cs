namespace CniTest.Harness.Tests.Support;

/// <summary>A fresh directory under the system temp folder, deleted with everything in it on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Path = Directory.CreateTempSubdirectory("cnitest-").FullName;

    public string Path { get; }

    /// <summary>Writes <paramref name="content"/> (UTF-8, no BOM) to a path below <see cref="Path"/>, creating folders.</summary>
    /// <returns>The full path of the written file.</returns>
    public string Write(string relativePath, string content)
    {
        var fullPath = System.IO.Path.Join(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(fullPath)!);
        File.WriteAllText(fullPath, content);
        return fullPath;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail a test.
        }
    }
}
