using System.Text;

namespace CniTest.Ipam.Store;

/// <summary>Small whole-file writes with host-local's 0644 mode and as few syscalls as .NET allows.</summary>
internal static class FileText
{
    private const UnixFileMode Mode644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Creates <paramref name="path"/> exclusively (O_CREAT|O_EXCL); throws IOException when it exists.</summary>
    public static void CreateNew(string path, string text)
    {
        using var file = Open(path, FileMode.CreateNew);
        file.Write(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>
    /// Replaces the content of <paramref name="path"/> (creating it). Truncates only when the new text is shorter,
    /// since truncating a file with allocated blocks is a journaled, comparatively slow operation on ext4.
    /// </summary>
    public static void Overwrite(string path, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        using var file = Open(path, FileMode.OpenOrCreate);
        file.Write(bytes);
        if (file.Length > bytes.Length)
            file.SetLength(bytes.Length);
    }

    private static FileStream Open(string path, FileMode mode) => new(path, new FileStreamOptions
    {
        Mode = mode,
        Access = FileAccess.Write,
        Share = FileShare.ReadWrite | FileShare.Delete,
        UnixCreateMode = Mode644,
        BufferSize = 0,
    });
}
