using Inbox.Sip.Messages;

namespace Inbox.Sip.Tests.Messages;

public sealed class SipCSeqTests
{
    [Theory]
    [InlineData("314159 INVITE", 314159, nameof(SipMethod.Invite), "INVITE")]
    [InlineData("0009\r\n  INVITE", 9, nameof(SipMethod.Invite), "INVITE")]
    [InlineData("  1 ACK  ", 1, nameof(SipMethod.Ack), "ACK")]
    [InlineData("2147483647 BYE", 2147483647, nameof(SipMethod.Bye), "BYE")]
    [InlineData("7 FOO", 7, nameof(SipMethod.Extension), "FOO")]
    public void TryParse_Valid_NumberAndMethod(string text, long number, string method, string name)
    {
        var ok = SipCSeq.TryParse(text, out var cseq);

        Assert.True(ok);
        Assert.Equal(new SipCSeq(number, Enum.Parse<SipMethod>(method), name), cseq);
    }

    [Theory]
    [InlineData("")]
    [InlineData("INVITE")]
    [InlineData("1")]
    [InlineData("1 ")]
    [InlineData("-1 INVITE")]
    [InlineData("+1 INVITE")]
    [InlineData("2147483648 INVITE")]
    [InlineData("36893488147419103232 INVITE")]
    [InlineData("1 IN VITE")]
    [InlineData("1 INVITE;x")]
    public void TryParse_Malformed_False(string text)
    {
        var ok = SipCSeq.TryParse(text, out _);

        Assert.False(ok);
    }

    [Fact]
    public void ToString_Parsed_NumberSpaceMethod()
    {
        var cseq = new SipCSeq(42, SipMethod.Register, "REGISTER");

        var text = cseq.ToString();

        Assert.Equal("42 REGISTER", text);
    }
}
