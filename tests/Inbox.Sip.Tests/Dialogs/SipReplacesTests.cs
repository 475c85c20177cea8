using Inbox.Sip.Dialogs;
using Inbox.Sip.Messages;

namespace Inbox.Sip.Tests.Dialogs;

/// <summary>Replaces (RFC 3891 §6.1) as a header value and as an escaped header of a Refer-To URI (RFC 3891 §7.1 example).</summary>
public sealed class SipReplacesTests
{
    [Fact]
    public void TryParse_Rfc3891Example_CallIdTagsAndDialogAsTheReceiverHoldsIt()
    {
        Assert.True(SipReplaces.TryParse("425928@bobster.example.org;to-tag=7743;from-tag=6472", out var replaces));

        Assert.Equal(new SipReplaces("425928@bobster.example.org", "7743", "6472", EarlyOnly: false), replaces);
        Assert.Equal(new SipDialogId("425928@bobster.example.org", "7743", "6472"), replaces.DialogId);
    }

    [Fact]
    public void TryParse_EarlyOnlyAndUnknownParameters_FlagSetOthersIgnored()
    {
        Assert.True(SipReplaces.TryParse("abc ; from-tag=f ; x=1 ; to-tag=t ; early-only", out var replaces));

        Assert.Equal(new SipReplaces("abc", "t", "f", EarlyOnly: true), replaces);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc;to-tag=t")]
    [InlineData("abc;from-tag=f")]
    [InlineData(";to-tag=t;from-tag=f")]
    [InlineData("abc;to-tag=t;to-tag=u;from-tag=f")]
    [InlineData("abc;to-tag=;from-tag=f")]
    public void TryParse_MissingOrRepeatedParts_False(string value) => Assert.False(SipReplaces.TryParse(value, out _));

    [Fact]
    public void FromUriHeaders_EscapedInAReferToUri_Resolved()
    {
        Assert.True(SipNameAddress.TryParse(
            "<sip:1001@inbox.example.com?replaces=12345%40192.168.118.3%3Bto-tag%3D12345%3Bfrom-tag%3D5FFE-3994&X-Other=1>", out var referTo));

        var replaces = SipReplaces.FromUriHeaders(referTo.Uri.Headers, out var valid);

        Assert.True(valid);
        Assert.Equal(new SipReplaces("12345@192.168.118.3", "12345", "5FFE-3994", EarlyOnly: false), replaces);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("X-Other=1", true)]
    [InlineData("Replaces=12345%3Bto-tag%3D1", false)]
    public void FromUriHeaders_NoneOrBroken_NullAndWhetherValid(string? headers, bool expected)
    {
        Assert.Null(SipReplaces.FromUriHeaders(headers, out var valid));

        Assert.Equal(expected, valid);
    }
}
