using System.Globalization;
using System.Text;

namespace CniTest.BadInput.Tests.Corpus;

/// <summary>
/// Inputs too big to commit, made at test time from a short recipe "name:arg[:arg]":
/// <list type="bullet">
/// <item><c>repeat:N:TEXT</c>: TEXT N times (floods, long lines).</item>
/// <item><c>deepArray:N</c>: N nested JSON arrays, <c>[[[…]]]</c>.</item>
/// <item><c>deepConflist:N</c>: a valid-looking conflist whose plugin has a key nested N arrays deep.</item>
/// <item><c>bigConflist:BYTES</c>: a conflist padded with a BYTES-long string, whose "name" after the padding is a
///   number: the error must still be found, and said in one line, after reading 20 MB.</item>
/// <item><c>binary:N</c>: N bytes of a fixed pseudo-random sequence (seeded: the same bytes every run).</item>
/// </list>
/// </summary>
public static class HugeInputs
{
    public static byte[] Generate(string recipe)
    {
        var parts = recipe.Split(':', 3);
        int N(int i) => int.Parse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture);
        return parts[0] switch
        {
            "repeat" => Encoding.UTF8.GetBytes(new StringBuilder().Insert(0, parts[2], N(1)).ToString()),
            "deepArray" => Encoding.UTF8.GetBytes(new string('[', N(1)) + new string(']', N(1))),
            "deepConflist" => Encoding.UTF8.GetBytes(
                """{"cniVersion":"1.0.0","name":"mynet","plugins":[{"type":"canned","deep":""" +
                new string('[', N(1)) + new string(']', N(1)) + "}]}"),
            "bigConflist" => Encoding.UTF8.GetBytes(
                """{"cniVersion":"1.0.0","padding":""" + "\"" + new string('x', N(1)) + "\"," +
                "\"name\":1,\"plugins\":[{\"type\":\"canned\"}]}"),
            "binary" => Binary(N(1)),
            _ => throw new InvalidDataException($"unknown generator \"{parts[0]}\""),
        };
    }

    private static byte[] Binary(int length)
    {
        var bytes = new byte[length];
        new Random(12).NextBytes(bytes);
        return bytes;
    }
}
