using CniTest.Netlink.Tests.Support;
using CniTest.Netlink.Wire;
using FluentAssertions;
using Xunit;

namespace CniTest.Netlink.Tests.Wire;

public sealed class NetlinkMessageWriterTests
{
    [Fact]
    public void WriteAttribute_OddPayload_CountsPayloadInLengthButPadsToFour()
    {
        // Arrange
        var writer = new NetlinkMessageWriter(0x10, 0x0001);

        // Act
        writer.WriteAttribute(7, [0xaa, 0xbb, 0xcc, 0xdd, 0xee]);
        var bytes = writer.Finish(sequence: 0x01020304, portId: 0x0a0b0c0d);

        // Assert: nla_len 9 (header + 5), then 3 zero padding bytes that nlmsg_len does count
        bytes.ToArray().Should().Equal(Hex.Parse("""
            1c000000 1000 0100 04030201 0d0c0b0a
            0900 0700 aabbccddee 000000
            """));
    }

    [Fact]
    public void EndNested_TwoLevels_PatchesEachLengthWithItsChildren()
    {
        // Arrange
        var writer = new NetlinkMessageWriter(0x10, 0x0001);

        // Act
        var outer = writer.BeginNested(1);
        writer.WriteUInt8(2, 0x7f);
        var inner = writer.BeginNested(3);
        writer.WriteUInt32(4, 0x11223344);
        writer.EndNested(inner);
        writer.EndNested(outer);
        var bytes = writer.Finish(sequence: 0);

        // Assert
        bytes.ToArray().Should().Equal(Hex.Parse("""
            28000000 1000 0100 00000000 00000000
            1800 0100                 # outer: 4 + 8 + 12
              0500 0200 7f 000000
              0c00 0300               # inner: 4 + 8
                0800 0400 44332211
            """));
    }

    [Fact]
    public void EndNested_OuterBeforeInner_Throws()
    {
        // Arrange
        var writer = new NetlinkMessageWriter(0x10, 0x0001);
        var outer = writer.BeginNested(1);
        writer.BeginNested(2);

        // Act
        var act = () => writer.EndNested(outer);

        // Assert
        act.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Finish_NestedStillOpen_Throws()
    {
        // Arrange
        var writer = new NetlinkMessageWriter(0x10, 0x0001);
        writer.BeginNested(1);

        // Act
        var act = () => writer.Finish(1).ToArray();

        // Assert
        act.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void WriteString_GrowsBufferBeyondInitialSize_KeepsEarlierBytes()
    {
        // Arrange
        var writer = new NetlinkMessageWriter(0x10, 0x0001);
        var longValue = new string('x', 600);

        // Act
        writer.WriteUInt32(1, 0xdeadbeef);
        writer.WriteString(2, longValue);
        var bytes = writer.Finish(1).ToArray();

        // Assert
        bytes.Length.Should().Be(16 + 8 + NetlinkConstants.Align(4 + 601));
        bytes[16..24].Should().Equal(0x08, 0x00, 0x01, 0x00, 0xef, 0xbe, 0xad, 0xde);
        bytes[28 + 599].Should().Be((byte)'x');
        bytes[28 + 600].Should().Be(0);
    }
}
