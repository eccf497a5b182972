using System.Security.Cryptography;
using System.Text;

namespace CniTest.Cli;

/// <summary>Container ids as cnitool derives them (checklist §4.1).</summary>
public static class ContainerIds
{
    /// <summary>"cnitool-" + hex of the first 10 bytes of SHA-512 of the absolute netns path.</summary>
    public static string FromNetnsPath(string absoluteNetnsPath)
    {
        var hash = SHA512.HashData(Encoding.UTF8.GetBytes(absoluteNetnsPath));
        return "cnitool-" + Convert.ToHexStringLower(hash.AsSpan(0, 10));
    }
}
