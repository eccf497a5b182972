using System.Formats.Tar;

namespace CniTest.Scenarios.Sandbox.Docker;

/// <summary>
/// The root filesystem of the sandbox image, as a tar stream for the Engine API's image import: Debian's static
/// busybox as <c>/bin/busybox</c> and one symlink per applet. No registry is reachable from the machines cnitest runs
/// on, and a static binary needs nothing else in the image (the dynamic <c>busybox</c> package would need a libc).
/// </summary>
internal static class BusyboxImage
{
    private static readonly string[] Candidates = ["/bin/busybox", "/usr/bin/busybox"];

    public static string? Binary => Candidates.FirstOrDefault(File.Exists);

    /// <summary>Builds the tar in memory (about 2 MB).</summary>
    public static async Task<MemoryStream> RootfsAsync(CancellationToken ct)
    {
        var binary = Binary ?? throw new EnvironmentProblemException(
            "--sandbox docker needs Debian's busybox-static for the sandbox image (apt-get install busybox-static)");
        var applets = (await HelperCommand.RunCheckedAsync(null, binary, ["--list"], ct: ct))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(a => a != "busybox" && !a.Contains('/')).Distinct();
        var tar = new MemoryStream();
        await using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, "bin/") { Mode = Mode755 }, ct);
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, "tmp/") { Mode = Mode755 | UnixFileMode.StickyBit | UnixFileMode.OtherWrite | UnixFileMode.GroupWrite }, ct);
            await using (var data = File.OpenRead(binary))
            {
                await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "bin/busybox") { Mode = Mode755, DataStream = data }, ct);
            }

            foreach (var applet in applets)
            {
                await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.SymbolicLink, "bin/" + applet) { LinkName = "busybox", Mode = Mode755 }, ct);
            }
        }

        tar.Position = 0;
        return tar;
    }

    private const UnixFileMode Mode755 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                                     UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
}
