using System.Runtime.CompilerServices;

namespace Inbox.Media.Transport.Batching;

/// <summary>struct sockaddr_storage (socket.h): 128 bytes, room for any address family. Blittable.</summary>
[InlineArray(Size)]
internal struct SockAddrStorage
{
    public const int Size = 128;

    private byte _element0;
}
