using CniTest.Netlink.Tests.Support;
using CniTest.Netlink.Wire;
using FluentAssertions;
using Xunit;

namespace CniTest.Netlink.Tests.Wire;

/// <summary>The receive state machine, fed real kernel datagrams (TestData) and hand-built ones.</summary>
public sealed class NetlinkReplyProcessorTests
{
    // nlmsg_seq / nlmsg_pid of the captured replies.
    private const uint ErrorSequence = 0x6b0414a2;
    private const uint ErrorPortId = 0x48bd;
    private const uint RouteSequence = 0x6b0414a2;
    private const uint RoutePortId = 0x48b8;

    [Fact]
    public void Process_KernelErrorWithExtendedAck_ThrowsErrnoAndKernelText()
    {
        // Arrange: ENETUNREACH for "ip route add … via 10.99.0.1", full request echoed (iproute2 does not set CAP_ACK)
        var datagram = Hex.Load("nlmsg_error_ext_ack.hex");
        var processor = new NetlinkReplyProcessor("RTM_NEWROUTE", ErrorSequence, ErrorPortId, handler: null);

        // Act
        var act = () => processor.Process(datagram);

        // Assert
        var error = act.Should().Throw<NetlinkException>().Which;
        error.Errno.Should().Be(Errno.ENETUNREACH);
        error.ExtendedAck.Should().Be("Nexthop has invalid gateway");
        error.Message.Should().Contain("RTM_NEWROUTE").And.Contain("Nexthop has invalid gateway");
    }

    [Fact]
    public void Process_CappedErrorWithExtendedAck_FindsTextAfterTheEchoedHeader()
    {
        // Arrange: what the kernel sends with NETLINK_CAP_ACK: only the request's header is echoed
        var datagram = Hex.Parse("""
            34000000 0200 0003 05000000 09000000   # NLMSG_ERROR, CAPPED|ACK_TLVS, seq 5, pid 9
            efffffff                               # -EEXIST
            20000000 1000 0506 05000000 00000000   # echoed request header (32-byte request)
            1000 0100 46696c6520657869737473 00 00 # NLMSGERR_ATTR_MSG "File exists"
            """);
        var processor = new NetlinkReplyProcessor("RTM_NEWLINK", 5, 9, handler: null);

        // Act
        var act = () => processor.Process(datagram);

        // Assert
        var error = act.Should().Throw<NetlinkException>().Which;
        error.Errno.Should().Be(Errno.EEXIST);
        error.ExtendedAck.Should().Be("File exists");
    }

    [Fact]
    public void Process_Ack_CompletesWithoutCallingTheHandler()
    {
        // Arrange
        var datagram = Hex.Parse("""
            24000000 0200 0001 05000000 09000000   # NLMSG_ERROR, CAPPED
            00000000                               # error 0: ACK
            20000000 1000 0506 05000000 00000000
            """);
        var calls = 0;
        var processor = new NetlinkReplyProcessor("RTM_NEWLINK", 5, 9, _ => calls++);

        // Act
        processor.Process(datagram);

        // Assert
        processor.IsComplete.Should().BeTrue();
        calls.Should().Be(0);
    }

    [Fact]
    public void Process_AnswerToAnotherSequence_IsSkipped()
    {
        // Arrange: a late ACK for request 4 while waiting for request 5
        var datagram = Hex.Parse("""
            24000000 0200 0001 04000000 09000000
            00000000
            20000000 1000 0506 04000000 00000000
            """);
        var processor = new NetlinkReplyProcessor("RTM_NEWLINK", 5, 9, handler: null);

        // Act
        processor.Process(datagram);

        // Assert
        processor.IsComplete.Should().BeFalse();
    }

    [Fact]
    public void Process_DumpAcrossTwoDatagrams_DeliversEachMessageThenCompletesAtDone()
    {
        // Arrange: the kernel's two RTM_NEWROUTE messages, then NLMSG_DONE in its own datagram
        var routes = Hex.Load("rtm_newroute_dump_part.hex");
        var done = Hex.Parse("14000000 0300 0200 a214046b b8480000 00000000");
        var types = new List<ushort>();
        var processor = new NetlinkReplyProcessor("RTM_GETROUTE", RouteSequence, RoutePortId, m => types.Add(m.Type));

        // Act
        processor.Process(routes);
        var completeAfterFirst = processor.IsComplete;
        processor.Process(done);

        // Assert
        completeAfterFirst.Should().BeFalse();
        processor.IsComplete.Should().BeTrue();
        types.Should().Equal(RouteConstants.RTM_NEWROUTE, RouteConstants.RTM_NEWROUTE);
    }

    [Fact]
    public void Process_DumpFlaggedInterrupted_ThrowsDumpInterruptedAtDone()
    {
        // Arrange: NLM_F_MULTI | NLM_F_DUMP_INTR on the DONE message
        var done = Hex.Parse("14000000 0300 1200 05000000 09000000 00000000");
        var processor = new NetlinkReplyProcessor("RTM_GETLINK", 5, 9, handler: null);

        // Act
        var act = () => processor.Process(done);

        // Assert
        act.Should().Throw<NetlinkDumpInterruptedException>();
    }

    [Fact]
    public void Process_DoneCarryingAnError_ThrowsThatErrno()
    {
        // Arrange: a dump that failed part-way (-EMSGSIZE)
        var done = Hex.Parse("14000000 0300 0200 05000000 09000000 a6ffffff");
        var processor = new NetlinkReplyProcessor("RTM_GETLINK", 5, 9, handler: null);

        // Act
        var act = () => processor.Process(done);

        // Assert
        act.Should().Throw<NetlinkException>().Which.Errno.Should().Be(Errno.EMSGSIZE);
    }

    [Theory]
    [InlineData("24000000 0200 0001 05000000 09000000 00000000")] // nlmsg_len 36 but only 20 bytes present
    [InlineData("0c000000 0200 0001 05000000 09000000")] // nlmsg_len 12 is shorter than the header
    [InlineData("24000000 0200")] // not even a header
    public void Process_LengthThatLies_ThrowsProtocolException(string hex)
    {
        // Arrange
        var processor = new NetlinkReplyProcessor("RTM_NEWLINK", 5, 9, handler: null);

        // Act
        var act = () => processor.Process(Hex.Parse(hex));

        // Assert
        act.Should().Throw<NetlinkProtocolException>();
    }

    [Fact]
    public void AttributeReader_LengthPastTheEnd_ThrowsProtocolException()
    {
        // Arrange: nla_len 12 with only 8 bytes left
        var bytes = Hex.Parse("0c00 0300 41424300");

        // Act
        var act = () =>
        {
            foreach (var attribute in new NetlinkAttributeReader(bytes))
            {
                _ = attribute.Type;
            }
        };

        // Assert
        act.Should().Throw<NetlinkProtocolException>();
    }
}
