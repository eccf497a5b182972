using System.Runtime.CompilerServices;
using CniTest.Netlink.Wire;
using FluentAssertions;
using Xunit;

namespace CniTest.Netlink.Tests.Wire;

/// <summary>Sizes and field offsets of the kernel structs, from the UAPI headers (Tmds.LibC StructTests).</summary>
public sealed class StructLayoutTests
{
    [Fact]
    public void Sizes_MatchTheKernelHeaders()
    {
        // Assert: linux/netlink.h, linux/rtnetlink.h, linux/if_addr.h
        Unsafe.SizeOf<nlmsghdr>().Should().Be(16);
        Unsafe.SizeOf<nlmsgerr>().Should().Be(20);
        Unsafe.SizeOf<ifinfomsg>().Should().Be(16);
        Unsafe.SizeOf<ifaddrmsg>().Should().Be(8);
        Unsafe.SizeOf<rtmsg>().Should().Be(12);
        Unsafe.SizeOf<nlattr>().Should().Be(4);
        Unsafe.SizeOf<Interop.Libc.sockaddr_nl>().Should().Be(12);
    }

    [Fact]
    public void Ifinfomsg_Fields_LandAtKernelOffsets()
    {
        // Arrange
        var value = new ifinfomsg { ifi_family = 0x11, ifi_type = 0x2233, ifi_index = 0x44556677, ifi_flags = 0x8899aabb, ifi_change = 0xccddeeff };
        var bytes = new byte[16];

        // Act
        System.Runtime.InteropServices.MemoryMarshal.Write(bytes, in value);

        // Assert: family @0, pad @1, type @2, index @4, flags @8, change @12 (little endian)
        bytes.Should().Equal(0x11, 0, 0x33, 0x22, 0x77, 0x66, 0x55, 0x44, 0xbb, 0xaa, 0x99, 0x88, 0xff, 0xee, 0xdd, 0xcc);
    }

    [Fact]
    public void Rtmsg_Fields_LandAtKernelOffsets()
    {
        // Arrange
        var value = new rtmsg
        {
            rtm_family = 1, rtm_dst_len = 2, rtm_src_len = 3, rtm_tos = 4, rtm_table = 5, rtm_protocol = 6, rtm_scope = 7, rtm_type = 8, rtm_flags = 0x0a0b0c0d,
        };
        var bytes = new byte[12];

        // Act
        System.Runtime.InteropServices.MemoryMarshal.Write(bytes, in value);

        // Assert
        bytes.Should().Equal(1, 2, 3, 4, 5, 6, 7, 8, 0x0d, 0x0c, 0x0b, 0x0a);
    }
}
