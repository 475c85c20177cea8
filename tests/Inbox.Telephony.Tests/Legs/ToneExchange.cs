using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Inbox.Media.Codecs;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>
/// Several parties talking at once: each sends its own PCMU tone to its leg's server port for a second and a half,
/// and decodes what reaches it meanwhile.
/// </summary>
internal static class ToneExchange
{
    private const int Frames = 75;

    public static Task<HeardAudio[]> RunAsync(params (Socket Socket, int ServerPort, int Hertz)[] parties) =>
        Task.WhenAll(parties.Select(party => TalkAsync(party.Socket, party.ServerPort, party.Hertz)));

    private static async Task<HeardAudio> TalkAsync(Socket socket, int serverPort, int hertz)
    {
        Drain(socket);
        using var stop = new CancellationTokenSource();
        var listening = ListenAsync(socket, serverPort, stop.Token);
        using var encoder = G711Codec.CreateMuLaw();
        var packet = new byte[12 + 160];
        packet[0] = 0x80;
        // A fresh stream each time, as a phone's is: a reused SSRC whose numbers start over would be late at the server.
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), (uint)Random.Shared.NextInt64(uint.MaxValue));
        var frame = new short[160];
        var server = new IPEndPoint(IPAddress.Loopback, serverPort);
        for (var n = 0; n < Frames; n++)
        {
            for (var i = 0; i < frame.Length; i++)
            {
                frame[i] = (short)(6000 * Math.Sin(2 * Math.PI * hertz * ((n * 160) + i) / 8000.0));
            }

            encoder.Encode(frame, packet.AsSpan(12));
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)n);
            BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), (uint)(n * 160));
            await socket.SendToAsync(packet, SocketFlags.None, server);
            await Task.Delay(20);
        }

        // What was mixed from the last frames is still on its way.
        stop.CancelAfter(TimeSpan.FromMilliseconds(200));
        return await listening;
    }

    // Only what the party's own leg sends counts: test classes run in parallel, and a late packet of another class's
    // call can reach a port the OS has since given to this socket.
    private static async Task<HeardAudio> ListenAsync(Socket socket, int serverPort, CancellationToken stop)
    {
        using var decoder = G711Codec.CreateMuLaw();
        var heard = new List<short>();
        var heardType = -1;
        var buffer = new byte[2048];
        var pcm = new short[160];
        var anyone = new IPEndPoint(IPAddress.Any, 0);
        try
        {
            while (true)
            {
                var received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, anyone, stop);
                if (((IPEndPoint)received.RemoteEndPoint).Port != serverPort)
                {
                    continue;
                }

                var length = received.ReceivedBytes;
                heardType = buffer[1] & 0x7F;
                if (heardType == 0)
                {
                    var samples = decoder.Decode(buffer.AsSpan(12, length - 12), pcm);
                    heard.AddRange(pcm.AsSpan(0, samples));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return new HeardAudio(heardType, [.. heard]);
    }

    // Audio from before the exchange (relay checks, hold music) is not what the parties hear now.
    private static void Drain(Socket socket)
    {
        var buffer = new byte[2048];
        while (socket.Available > 0)
        {
            socket.Receive(buffer);
        }
    }
}
