using CniTest.Harness.Errors;

namespace CniTest.Harness.Config;

/// <summary>File-system access for configuration loading: listing (libcni <c>ConfFiles</c>, R2) and reading.</summary>
internal static class ConfigDirectory
{
    /// <summary>
    /// Non-directory entries of <paramref name="dir"/> (not recursive) whose extension is exactly one of
    /// <paramref name="extensions"/>, sorted ordinally by full path (R2). A missing directory is empty.
    /// </summary>
    /// <remarks>
    /// Extension = from the last dot, case-sensitive (Go <c>filepath.Ext</c>). Symlinks and other non-directory
    /// entries are kept, as in libcni; a symlink to a directory counts as a directory here (.NET follows it),
    /// where libcni would keep it and then fail to read it.
    /// </remarks>
    public static IReadOnlyList<string> Files(string dir, params string[] extensions)
    {
        if (!Directory.Exists(dir))
        {
            return [];
        }

        try
        {
            var files = new DirectoryInfo(dir).EnumerateFileSystemInfos()
                .Where(entry => entry is not DirectoryInfo && extensions.Contains(Path.GetExtension(entry.Name), StringComparer.Ordinal))
                .Select(entry => Path.Join(dir, entry.Name))
                .ToList();
            files.Sort(StringComparer.Ordinal); // Go sort.Strings: byte-wise
            return files;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"cannot list directory: {e.Message}", dir, e);
        }
    }

    /// <summary>Reads a whole file, turning I/O failures into <see cref="ConfigException"/>.</summary>
    public static byte[] Read(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"cannot read file: {e.Message}", path, e);
        }
    }
}
