using System.Net;
using System.Net.Sockets;
using Inbox.Media.Transport;

namespace Inbox.Media.Tests.Transport;

public sealed class RtpPortAllocatorTests
{
    [Fact]
    public void TryAllocate_FreshRange_BindsEvenPortsInOrder()
    {
        var allocator = new RtpPortAllocator(FreeRange(6));

        Assert.True(allocator.TryAllocate(IPAddress.Loopback, withRtcp: true, out var first));
        Assert.True(allocator.TryAllocate(IPAddress.Loopback, withRtcp: false, out var second));

        using (first)
        using (second)
        {
            Assert.Equal(0, first!.Port % 2);
            Assert.Equal(first.Port + 2, second!.Port);
            Assert.Equal(first.Port + 1, ((IPEndPoint)first.Rtcp!.LocalEndPoint!).Port);
            Assert.Null(second.Rtcp);
        }
    }

    [Fact]
    public void TryAllocate_RangeExhausted_ReturnsFalse()
    {
        var allocator = new RtpPortAllocator(FreeRange(4));
        Assert.True(allocator.TryAllocate(IPAddress.Loopback, withRtcp: false, out var first));
        Assert.True(allocator.TryAllocate(IPAddress.Loopback, withRtcp: false, out var second));

        var third = allocator.TryAllocate(IPAddress.Loopback, withRtcp: false, out var none);

        Assert.False(third);
        Assert.Null(none);
        first!.Dispose();
        second!.Dispose();
    }

    [Fact]
    public void TryAllocate_PortHeldByAnotherSocket_SkipsIt()
    {
        var range = FreeRange(4);
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        squatter.Bind(new IPEndPoint(IPAddress.Loopback, range.FirstPort));
        var allocator = new RtpPortAllocator(range);

        Assert.True(allocator.TryAllocate(IPAddress.Loopback, withRtcp: false, out var sockets));

        using (sockets)
        {
            Assert.Equal(range.FirstPort + 2, sockets!.Port);
        }
    }

    [Fact]
    public void Dispose_ReleasedPort_ReturnedAfterTheOthers()
    {
        var allocator = new RtpPortAllocator(FreeRange(4));
        Assert.True(allocator.TryAllocate(IPAddress.Loopback, withRtcp: false, out var first));
        var released = first!.Port;

        first.Dispose();
        first.Dispose();
        Assert.True(allocator.TryAllocate(IPAddress.Loopback, withRtcp: false, out var second));
        Assert.True(allocator.TryAllocate(IPAddress.Loopback, withRtcp: false, out var third));

        using (second)
        using (third)
        {
            Assert.NotEqual(released, second!.Port);
            Assert.Equal(released, third!.Port);
            Assert.Equal(0, allocator.Available);
        }
    }

    // A block of consecutive ports that are free right now, found by probing from a random even base.
    internal static RtpPortRange FreeRange(int ports)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var first = 20000 + (2 * Random.Shared.Next(0, 10000));
            var sockets = new List<Socket>();
            try
            {
                for (var port = first; port < first + ports; port++)
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                    sockets.Add(socket);
                    socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
                }

                return new RtpPortRange { FirstPort = first, LastPort = first + ports - 1 };
            }
            catch (SocketException)
            {
            }
            finally
            {
                sockets.ForEach(s => s.Dispose());
            }
        }

        throw new InvalidOperationException("No free block of ports on loopback.");
    }
}
