using NAudio.Codecs;

namespace Inbox.EndToEndTests;

/// <summary>The two G.711 laws the test peers speak, by their static RTP payload type (RFC 3551 §6: 0 PCMU, 8 PCMA).</summary>
internal static class G711
{
    public const byte Pcmu = 0;
    public const byte Pcma = 8;

    public static byte Encode(byte payloadType, short sample) =>
        payloadType == Pcma ? ALawEncoder.LinearToALawSample(sample) : MuLawEncoder.LinearToMuLawSample(sample);

    public static short Decode(byte payloadType, byte encoded) =>
        payloadType == Pcma ? ALawDecoder.ALawToLinearSample(encoded) : MuLawDecoder.MuLawToLinearSample(encoded);
}
