using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Inbox.Media.Codecs;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>A PCMU caller bridged to a PCMA phone: each side hears the other's tone, transcoded, at its frequency.</summary>
public sealed class TranscodedCallTests : CallTestBase
{
    [Fact]
    public async Task PcmuCallerPcmaPhone_TonesCrossBothWaysAtTheirFrequencies()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var (id, callerLegPort) = await QueueAsync(caller);
        Harness.Handler.Offered(caller.CallId, id, Agent, ["1002"]);
        var invite = await phone.ReceiveRequestAsync("INVITE");
        await phone.RespondAsync(invite, 200, "OK", phone.Answer("8", "a=rtpmap:8 PCMA/8000\r\n"));
        await phone.ReceiveRequestAsync("ACK");
        await Until(() => !Harness.Inbox.Accepted.IsEmpty);
        var view = await Harness.Handler.GetCallAsync(caller.CallId);

        using var muLaw = G711Codec.CreateMuLaw();
        using var aLaw = G711Codec.CreateALaw();
        var phoneHeard = await SendToneAndListenAsync(caller.Rtp, callerLegPort, payloadType: 0, muLaw, hertz: 1000, phone.Rtp, aLaw);
        var callerHeard = await SendToneAndListenAsync(phone.Rtp, MediaPort(invite.Body.Span), payloadType: 8, aLaw, hertz: 440, caller.Rtp, muLaw);

        Assert.Equal(["PCMU", "PCMA"], view.Legs.Select(l => l.Codec));
        Assert.Equal(8, phoneHeard.PayloadType);
        Assert.True(phoneHeard.Power(1000) > 20 * phoneHeard.Power(440), $"1 kHz at the phone: {phoneHeard.Power(1000):E2} against {phoneHeard.Power(440):E2} at 440 Hz");
        Assert.Equal(0, callerHeard.PayloadType);
        Assert.True(callerHeard.Power(440) > 20 * callerHeard.Power(1000), $"440 Hz at the caller: {callerHeard.Power(440):E2} against {callerHeard.Power(1000):E2} at 1 kHz");

        await caller.ByeAsync("5000");
        await caller.ReceiveAsync();
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");
        await AssertNothingLeftAsync();
    }

    // Sends one second of a sine encoded with `encoder`, and decodes with `decoder` what reaches `to` meanwhile.
    private static async Task<HeardAudio> SendToneAndListenAsync(
        Socket from, int serverPort, byte payloadType, G711Codec encoder, int hertz, Socket to, G711Codec decoder)
    {
        var heard = new List<short>();
        var heardType = -1;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1.2));
        var listening = Task.Run(async () =>
        {
            var buffer = new byte[2048];
            var pcm = new short[160];
            try
            {
                while (true)
                {
                    var length = await to.ReceiveAsync(buffer, SocketFlags.None, stop.Token);
                    heardType = buffer[1] & 0x7F;
                    var samples = decoder.Decode(buffer.AsSpan(12, length - 12), pcm);
                    heard.AddRange(pcm.AsSpan(0, samples));
                }
            }
            catch (OperationCanceledException)
            {
            }
        });

        var packet = new byte[12 + 160];
        packet[0] = 0x80;
        packet[1] = payloadType;
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), 0x5EED0001u + payloadType);
        var frame = new short[160];
        var server = new IPEndPoint(IPAddress.Loopback, serverPort);
        for (var n = 0; n < 50; n++)
        {
            for (var i = 0; i < frame.Length; i++)
            {
                frame[i] = (short)(8000 * Math.Sin(2 * Math.PI * hertz * ((n * 160) + i) / 8000.0));
            }

            encoder.Encode(frame, packet.AsSpan(12));
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)n);
            BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), (uint)(n * 160));
            await from.SendToAsync(packet, SocketFlags.None, server);
            await Task.Delay(20);
        }

        await listening;
        return new HeardAudio(heardType, [.. heard]);
    }
}
