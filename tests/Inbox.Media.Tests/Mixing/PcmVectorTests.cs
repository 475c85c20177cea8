using Inbox.Media.Mixing;

namespace Inbox.Media.Tests.Mixing;

public sealed class PcmVectorTests
{
    [Theory]
    [InlineData(7)]
    [InlineData(160)]
    [InlineData(163)]
    public void SubtractSaturate_AnyLength_MatchesScalarClamp(int length)
    {
        var source = new short[length];
        var minuend = new float[length];
        var subtrahend = new float[length];
        for (var i = 0; i < length; i++)
        {
            source[i] = (short)((i * 977) - 40000);
            minuend[i] = (i * 811) - 70000;
            subtrahend[i] = (i % 5) * -9000;
        }

        var widened = new float[length];
        var output = new short[length];

        PcmVector.Widen(source, widened);
        PcmVector.SubtractSaturate(minuend, subtrahend, output);

        for (var i = 0; i < length; i++)
        {
            Assert.Equal(source[i], widened[i]);
            Assert.Equal((short)Math.Clamp(minuend[i] - subtrahend[i], short.MinValue, short.MaxValue), output[i]);
        }
    }
}
