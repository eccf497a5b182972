using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CniTest.PluginSdk.Json;
using FluentAssertions;
using Xunit;

namespace CniTest.Plugins.Tests.Sdk;

/// <summary>The lazy encoder must print byte for byte what UnsafeRelaxedJsonEscaping prints (JsonOutput).</summary>
public sealed class LazyRelaxedJsonEncoderTests
{
    public static TheoryData<string> Strings => new()
    {
        "10.1.0.5/24",
        "config is \"9.9.9\"",
        "back\\slash <html> & 'quote' +plus `tick`",
        "tab\there\nnewline\u0001\u007f",
        "caf\u00e9 \u2028 \u4e2d\u6587 \U0001F600",
        "\ud800 lone surrogate",
    };

    [Fact]
    public void FindFirstCharacterToEncodeUtf8_EveryAsciiCharacter_AgreesWithRelaxedEncoder()
    {
        // Arrange
        var mismatches = new List<int>();

        // Act
        for (var c = 0; c < 0x80; c++)
        {
            var text = new[] { (byte)'a', (byte)c };
            if (LazyRelaxedJsonEncoder.Instance.FindFirstCharacterToEncodeUtf8(text) !=
                JavaScriptEncoder.UnsafeRelaxedJsonEscaping.FindFirstCharacterToEncodeUtf8(text))
            {
                mismatches.Add(c);
            }
        }

        // Assert
        mismatches.Should().BeEmpty();
    }

    [Fact]
    public void WillEncode_EveryAsciiCharacter_AgreesWithRelaxedEncoder()
    {
        var mismatches = Enumerable.Range(0, 0x80)
            .Where(c => LazyRelaxedJsonEncoder.Instance.WillEncode(c) != JavaScriptEncoder.UnsafeRelaxedJsonEscaping.WillEncode(c))
            .ToList();

        mismatches.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Strings))]
    public void Write_StringValueAndPropertyName_SameBytesAsRelaxedEncoder(string text)
    {
        var lazy = Write(text, LazyRelaxedJsonEncoder.Instance);

        var relaxed = Write(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

        lazy.Should().Be(relaxed);
    }

    private static string Write(string text, JavaScriptEncoder encoder)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = encoder, Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString(text, text);
            writer.WriteString("utf8", Encoding.UTF8.GetBytes(text.Replace("\ud800", "?", StringComparison.Ordinal)));
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
