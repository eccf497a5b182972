namespace CniTest.Netlink.Tests.Support;

/// <summary>Hex text to bytes: whitespace is ignored and '#' starts a comment that runs to the end of the line.</summary>
internal static class Hex
{
    public static byte[] Parse(string text)
    {
        var digits = string.Concat(text.Split('\n')
            .Select(line => line.IndexOf('#') is var hash and >= 0 ? line[..hash] : line)
            .SelectMany(line => line.Where(c => !char.IsWhiteSpace(c))));
        return Convert.FromHexString(digits);
    }

    /// <summary>Loads a capture from TestData (see TestData/README.md).</summary>
    public static byte[] Load(string fileName) =>
        Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", fileName)));
}
