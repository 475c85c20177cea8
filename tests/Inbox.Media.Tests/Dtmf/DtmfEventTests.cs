using Inbox.Media.Dtmf;

namespace Inbox.Media.Tests.Dtmf;

public sealed class DtmfEventTests
{
    [Fact]
    public void TryWrite_DigitFiveEnd_MatchesRfc4733Layout()
    {
        var value = new DtmfEvent(5, end: true, volume: 10, duration: 800);
        var buffer = new byte[4];

        var ok = value.TryWrite(buffer, out var written);

        // RFC 4733 §2.3: event | E R volume | duration (big-endian).
        Assert.True(ok);
        Assert.Equal(4, written);
        Assert.Equal(new byte[] { 0x05, 0x8A, 0x03, 0x20 }, buffer);
    }

    [Fact]
    public void TryParse_ReservedBitSet_IgnoresIt()
    {
        byte[] payload = [0x0B, 0x7F, 0x01, 0x90];

        var ok = DtmfEvent.TryParse(payload, out var value);

        Assert.True(ok);
        Assert.Equal(11, value.Code);
        Assert.False(value.End);
        Assert.Equal(63, value.Volume);
        Assert.Equal(400, value.Duration);
        Assert.True(value.TryGetDigit(out var digit));
        Assert.Equal('#', digit);
    }

    [Fact]
    public void TryParse_ShortPayload_ReturnsFalse()
    {
        var ok = DtmfEvent.TryParse([0x01, 0x80, 0x00], out _);

        Assert.False(ok);
    }

    [Fact]
    public void TryParse_WrittenEvent_RoundTrips()
    {
        var original = new DtmfEvent(14, end: false, volume: 0, duration: 65535);
        var buffer = new byte[8];
        original.TryWrite(buffer, out _);

        var ok = DtmfEvent.TryParse(buffer, out var parsed);

        Assert.True(ok);
        Assert.Equal((original.Code, original.End, original.Volume, original.Duration), (parsed.Code, parsed.End, parsed.Volume, parsed.Duration));
    }

    [Theory]
    [InlineData('0', 0)]
    [InlineData('9', 9)]
    [InlineData('*', 10)]
    [InlineData('#', 11)]
    [InlineData('A', 12)]
    [InlineData('D', 15)]
    public void TryGetCode_DtmfCharacter_MapsBothWays(char digit, byte code)
    {
        var toCode = DtmfEvent.TryGetCode(digit, out var mapped);
        var toDigit = DtmfEvent.TryGetDigit(code, out var back);

        Assert.True(toCode && toDigit);
        Assert.Equal(code, mapped);
        Assert.Equal(digit, back);
    }

    [Fact]
    public void TryGetCode_LowerCaseLetter_MapsToUpperCode()
    {
        var ok = DtmfEvent.TryGetCode('b', out var code);

        Assert.True(ok);
        Assert.Equal(13, code);
    }

    [Fact]
    public void TryGetDigit_NonDtmfEvent_ReturnsFalse()
    {
        var ok = DtmfEvent.TryGetDigit(16, out _);
        var bad = DtmfEvent.TryGetCode('E', out _);

        Assert.False(ok);
        Assert.False(bad);
    }
}
