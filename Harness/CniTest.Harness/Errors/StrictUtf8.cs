using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;

namespace CniTest.Harness.Errors;

/// <summary>
/// JSON text must be UTF-8 (RFC 8259 §8.1). System.Text.Json checks string contents only when a string is read, so
/// invalid bytes inside a value surfaced later as an <see cref="InvalidOperationException"/> far from the parse
/// (a config's name, a plugin's result). Checking once where bytes become JSON turns them into the parse error
/// every caller already handles.
/// </summary>
internal static class StrictUtf8
{
    /// <exception cref="JsonException">The bytes are not valid UTF-8; the message names the offset.</exception>
    public static void ThrowIfInvalid(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return;
        }

        var offset = FirstInvalid(bytes);
        throw new JsonException(string.Create(CultureInfo.InvariantCulture,
            $"not valid UTF-8: byte 0x{bytes[offset]:X2} at offset {offset}"));
    }

    private static int FirstInvalid(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        var chars = new char[1024];
        while (offset < bytes.Length)
        {
            var status = Utf8.ToUtf16(bytes[offset..], chars, out var read, out _, replaceInvalidSequences: false);
            offset += read;
            if (status == System.Buffers.OperationStatus.InvalidData)
            {
                return offset;
            }
        }

        return bytes.Length - 1;
    }
}
