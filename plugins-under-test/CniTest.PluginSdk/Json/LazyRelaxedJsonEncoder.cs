using System.Buffers;
using System.Text.Encodings.Web;

namespace CniTest.PluginSdk.Json;

/// <summary>
/// Escapes exactly as <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>, but only builds that encoder when a
/// string actually needs escaping. Building it fills a bitmap over all of Unicode (TextEncoderSettings.AllowRange
/// 65,536 times): about 0.15 ms of every plugin start that prints JSON, while results (addresses, MACs, names) are
/// plain ASCII. Printable ASCII other than <c>"</c> and <c>\</c> is never escaped by the relaxed encoder;
/// everything else is decided by it (LazyRelaxedJsonEncoderTests compares the two over all of ASCII).
/// </summary>
internal sealed class LazyRelaxedJsonEncoder : JavaScriptEncoder
{
    public static readonly LazyRelaxedJsonEncoder Instance = new();

    private LazyRelaxedJsonEncoder()
    {
    }

    public override int MaxOutputCharactersPerInputCharacter => Relaxed.MaxOutputCharactersPerInputCharacter;

    private static JavaScriptEncoder Relaxed => UnsafeRelaxedJsonEscaping;

    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text)
    {
        foreach (var b in utf8Text)
        {
            if (!IsPlain(b))
            {
                return Relaxed.FindFirstCharacterToEncodeUtf8(utf8Text);
            }
        }

        return -1;
    }

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        for (var i = 0; i < textLength; i++)
        {
            if (!IsPlain(text[i]))
            {
                return Relaxed.FindFirstCharacterToEncode(text, textLength);
            }
        }

        return -1;
    }

    public override bool WillEncode(int unicodeScalar) => !IsPlain(unicodeScalar) && Relaxed.WillEncode(unicodeScalar);

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten) =>
        Relaxed.TryEncodeUnicodeScalar(unicodeScalar, buffer, bufferLength, out numberOfCharactersWritten);

    public override OperationStatus EncodeUtf8(ReadOnlySpan<byte> utf8Source, Span<byte> utf8Destination, out int bytesConsumed, out int bytesWritten, bool isFinalBlock = true) =>
        Relaxed.EncodeUtf8(utf8Source, utf8Destination, out bytesConsumed, out bytesWritten, isFinalBlock);

    public override OperationStatus Encode(ReadOnlySpan<char> source, Span<char> destination, out int charsConsumed, out int charsWritten, bool isFinalBlock = true) =>
        Relaxed.Encode(source, destination, out charsConsumed, out charsWritten, isFinalBlock);

    /// <summary>Printable ASCII except the two characters JSON itself requires escaping.</summary>
    internal static bool IsPlain(int c) => c is >= 0x20 and < 0x7F and not '"' and not '\\';
}
