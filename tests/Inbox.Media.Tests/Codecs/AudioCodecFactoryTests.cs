using Inbox.Media.Codecs;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inbox.Media.Tests.Codecs;

public sealed class AudioCodecFactoryTests
{
    private readonly AudioCodecFactory _factory = new(NullLogger<AudioCodecFactory>.Instance);

    [Theory]
    [InlineData("PCMU", 8000, 160)]
    [InlineData("pcma", 8000, 160)]
    [InlineData("G722", 16000, 320)]
    [InlineData("opus", 48000, 960)]
    [InlineData("OPUS", 48000, 960)]
    public void TryCreate_KnownName_CreatesMonoTwentyMillisecondCodec(string name, int rate, int frame)
    {
        var created = _factory.TryCreate(name, out var codec);

        Assert.True(created);
        using (codec)
        {
            Assert.Equal(rate, codec!.SampleRate);
            Assert.Equal(frame, codec.FrameSamples);
            Assert.Equal(1, codec.Channels);
            Assert.Equal(name, codec.Name, ignoreCase: true);
        }
    }

    [Fact]
    public void TryCreate_UnknownName_ReturnsFalse()
    {
        var created = _factory.TryCreate("G729", out var codec);

        Assert.False(created);
        Assert.Null(codec);
        Assert.False(AudioCodecFactory.IsSupported("G729"));
    }

    [Fact]
    public void TryCreate_TwoStreams_GivesSeparateInstances()
    {
        using var first = _factory.Create("G722");

        using var second = _factory.Create("G722");

        Assert.NotSame(first, second);
    }

    [Fact]
    public void Opus_NativeNotPreferred_IsManaged()
    {
        var factory = new AudioCodecFactory(NullLogger<AudioCodecFactory>.Instance, preferNativeOpus: false);

        using var codec = factory.Create("opus");

        Assert.Equal(OpusImplementation.Managed, factory.Opus);
        Assert.IsType<ManagedOpusCodec>(codec);
    }
}
