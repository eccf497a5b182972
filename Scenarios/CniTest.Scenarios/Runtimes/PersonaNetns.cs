namespace CniTest.Scenarios.Runtimes;

/// <summary>The <c>CNI_NETNS</c> a persona passes for a sandbox of a fake host.</summary>
public static class PersonaNetns
{
    /// <summary>
    /// The path under the persona's own directory (<c>/var/run/netns/cni-UUID</c>) when the fake host shows its pins
    /// to plugins under <paramref name="pluginNetnsDir"/> (<c>/run/netns</c>) and the persona's directory is that
    /// one or a symlink to it (<c>/var/run</c> → <c>/run</c> on Debian); else the pin path itself, which every
    /// plugin can open (private mounts off, a /var/run that is a real directory).
    /// </summary>
    public static string For(RuntimePersona persona, string pinPath, string? pluginNetnsDir)
    {
        if (persona.NetnsDirectory is not { } dir || pluginNetnsDir is null)
        {
            return pinPath;
        }

        var name = Path.GetFileName(pinPath);
        return Path.Combine(Resolves(dir, pluginNetnsDir) ? dir : pluginNetnsDir, name);
    }

    private static bool Resolves(string dir, string target)
    {
        if (dir == target)
        {
            return true;
        }

        // Only the parent may be a symlink (/var/run → /run); the netns directory itself is the fake host's bind.
        var parent = Path.GetDirectoryName(dir);
        var targetParent = Path.GetDirectoryName(target);
        if (parent is null || targetParent is null || Path.GetFileName(dir) != Path.GetFileName(target))
        {
            return false;
        }

        var link = new DirectoryInfo(parent).ResolveLinkTarget(returnFinalTarget: true);
        return link is not null && Path.GetFullPath(link.FullName) == targetParent;
    }
}
