using Inbox.Media.Codecs;

namespace Inbox.Media.Tests.Codecs;

/// <summary>Encodes and decodes a whole signal frame by frame through one codec instance.</summary>
internal static class CodecRoundTrip
{
    public static short[] Run(IAudioCodec codec, short[] input)
    {
        var frame = codec.FrameSamples;
        var output = new short[input.Length];
        var payload = new byte[codec.MaxPayloadBytes];
        for (var offset = 0; offset + frame <= input.Length; offset += frame)
        {
            var bytes = codec.Encode(input.AsSpan(offset, frame), payload);
            var samples = codec.Decode(payload.AsSpan(0, bytes), output.AsSpan(offset, frame));
            Assert.Equal(frame, samples);
        }

        return output;
    }
}
