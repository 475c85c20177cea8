using System.Text;
using Inbox.Media.Dtmf;

namespace Inbox.Media.Tests.Dtmf;

public sealed class DtmfInfoParserTests
{
    [Fact]
    public void TryParse_DtmfRelayBody_DigitAndDuration()
    {
        var body = "Signal=5\r\nDuration=160\r\n"u8;

        var ok = DtmfInfoParser.TryParse("application/dtmf-relay", body, out var digit);

        Assert.True(ok);
        Assert.Equal(new DtmfDigit('5', TimeSpan.FromMilliseconds(160), 0), digit);
    }

    [Fact]
    public void TryParse_DtmfBody_DigitWithDefaultDuration()
    {
        var ok = DtmfInfoParser.TryParse("Application/DTMF; charset=utf-8", "#\r\n"u8, out var digit);

        Assert.True(ok);
        Assert.Equal(new DtmfDigit('#', DtmfSender.DefaultDuration, 0), digit);
    }

    [Theory]
    [InlineData("signal = *\nduration = 250\n", '*', 250)]
    [InlineData("Signal=11\r\n", '#', 100)]
    [InlineData("Signal=d\r\nDuration=90\r\nX-Vendor=1\r\n", 'D', 90)]
    public void TryParseDtmfRelay_Variants_Accepted(string body, char expected, int durationMs)
    {
        var ok = DtmfInfoParser.TryParseDtmfRelay(Encoding.ASCII.GetBytes(body), out var digit);

        Assert.True(ok);
        Assert.Equal(expected, digit.Digit);
        Assert.Equal(TimeSpan.FromMilliseconds(durationMs), digit.Duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Duration=160\r\n")]
    [InlineData("Signal=X\r\n")]
    [InlineData("Signal=16\r\n")]
    [InlineData("Signal=\r\n")]
    [InlineData("Signal=5\r\nDuration=abc\r\n")]
    [InlineData("Signal=5\r\nDuration=-20\r\n")]
    [InlineData("Signal=5\r\nDuration=0\r\n")]
    [InlineData("Signal=5\r\ngarbage\r\n")]
    [InlineData("Signal=5\r\nSignal=6\r\n")]
    public void TryParseDtmfRelay_BadBody_Rejected(string body)
    {
        var ok = DtmfInfoParser.TryParseDtmfRelay(Encoding.ASCII.GetBytes(body), out _);

        Assert.False(ok);
    }

    [Theory]
    [InlineData("")]
    [InlineData("55")]
    [InlineData("Signal=5")]
    public void TryParseDtmf_BadBody_Rejected(string body)
    {
        var ok = DtmfInfoParser.TryParseDtmf(Encoding.ASCII.GetBytes(body), out _);

        Assert.False(ok);
    }

    [Fact]
    public void TryParse_OtherContentType_Rejected()
    {
        var ok = DtmfInfoParser.TryParse("application/sdp", "5"u8, out _);

        Assert.False(ok);
    }
}
