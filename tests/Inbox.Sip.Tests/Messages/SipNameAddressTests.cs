using Inbox.Sip.Messages;

namespace Inbox.Sip.Tests.Messages;

public sealed class SipNameAddressTests
{
    [Theory]
    [InlineData("Bob <sip:bob@biloxi.com>;tag=a6c85cf", "Bob", "sip:bob@biloxi.com", "a6c85cf")]
    [InlineData("\"Bob Smith\" <sip:bob@biloxi.com>", "Bob Smith", "sip:bob@biloxi.com", null)]
    [InlineData("<sip:bob@biloxi.com>;tag=1", null, "sip:bob@biloxi.com", "1")]
    [InlineData("caller<sip:caller@example.com>;tag=323", "caller", "sip:caller@example.com", "323")]
    [InlineData("  The   Operator  <sip:operator@cs.columbia.edu>;tag=287447", "The   Operator", "sip:operator@cs.columbia.edu", "287447")]
    [InlineData("\"\" <sip:anonymous@anonymous.invalid>", "", "sip:anonymous@anonymous.invalid", null)]
    [InlineData("<tel:+1-201-555-0123>;tag=9", null, "tel:+1-201-555-0123", "9")]
    [InlineData("\"A <b>, c\" <sips:a@b.example.com>", "A <b>, c", "sips:a@b.example.com", null)]
    public void TryParse_NameAddr_DisplayNameUriAndTag(string text, string? displayName, string uri, string? tag)
    {
        var ok = SipNameAddress.TryParse(text, out var value);

        Assert.True(ok);
        Assert.Equal(displayName, value!.DisplayName);
        Assert.Equal(uri, value.Uri.ToString());
        Assert.Equal(tag, value.Tag);
    }

    [Theory]
    [InlineData("\"Joe \\\"JJ\\\" Smith\" <sip:joe@example.com>", "Joe \"JJ\" Smith")]
    [InlineData("\"back\\\\slash\" <sip:joe@example.com>", "back\\slash")]
    [InlineData("\"J Rosenberg \\\\\\\"\" <sip:jdrosen@example.com>", "J Rosenberg \\\"")]
    public void TryParse_QuotedDisplayNameWithEscapes_Unquoted(string text, string displayName)
    {
        var ok = SipNameAddress.TryParse(text, out var value);

        Assert.True(ok);
        Assert.Equal(displayName, value!.DisplayName);
    }

    [Fact]
    public void TryParse_AddrSpec_ParametersBelongToTheHeader()
    {
        var ok = SipNameAddress.TryParse("sip:alice@atlanta.com;tag=88sja8x;transport=tcp", out var value);

        Assert.True(ok);
        Assert.Equal(0, value!.Uri.Parameters.Count);
        Assert.Equal("88sja8x", value.Tag);
        Assert.Equal("tcp", value.Parameters["transport"]);
        Assert.Null(value.Uri.Transport);
    }

    [Fact]
    public void TryParse_NameAddr_UriParametersStayInsideBrackets()
    {
        var ok = SipNameAddress.TryParse("<sip:alice@atlanta.com;transport=tcp>;expires=3600;q=0.7", out var value);

        Assert.True(ok);
        Assert.Equal("tcp", value!.Uri.Transport);
        Assert.Equal(("3600", "0.7"), (value.Parameters["expires"], value.Parameters["q"]));
        Assert.False(value.Parameters.Contains("transport"));
    }

    [Fact]
    public void TryParse_AddrSpecWithSpacesBeforeParameters_Accepted()
    {
        var ok = SipNameAddress.TryParse("sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n", out var value);

        Assert.True(ok);
        Assert.Equal("chair-dnrc.example.com", value!.Uri.Host);
        Assert.Equal("1918181833n", value.Tag);
    }

    [Fact]
    public void TryParse_QuotedParameterValue_KeptWithQuotes()
    {
        var ok = SipNameAddress.TryParse("<sip:a@b.com>;expires=\"Thu, 01 Dec 1994 16:00:00 GMT\";+sip.instance=\"<urn:uuid:1>\"", out var value);

        Assert.True(ok);
        Assert.Equal("\"Thu, 01 Dec 1994 16:00:00 GMT\"", value!.Parameters["expires"]);
        Assert.Equal("\"<urn:uuid:1>\"", value.Parameters["+sip.instance"]);
    }

    [Fact]
    public void TryParse_Star_Wildcard()
    {
        var ok = SipNameAddress.TryParse(" * ", out var value);

        Assert.True(ok);
        Assert.True(value!.IsWildcard);
        Assert.Equal("*", value.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("\"unterminated <sip:a@b.com>")]
    [InlineData("\"name\" sip:a@b.com")]
    [InlineData("<sip:a@b.com")]
    [InlineData("Bell, Alexander <sip:a.g.bell@example.com>")]
    [InlineData("<sip:a@b.com>;;tag=1")]
    [InlineData("<sip:a@b.com> junk")]
    [InlineData("sip:a@b.com?subject=x")]
    [InlineData("sip:a@b.com,sip:c@d.com")]
    [InlineData("<isbn:2983792873>")]
    [InlineData("\"trailing backslash\\")]
    public void TryParse_Malformed_False(string text)
    {
        var ok = SipNameAddress.TryParse(text, out var value);

        Assert.False(ok);
        Assert.Null(value);
    }

    [Theory]
    [InlineData("\"Joe \\\"JJ\\\" Smith\" <sip:joe@example.com>;tag=1")]
    [InlineData("<sip:alice@atlanta.com;transport=tcp>;expires=3600")]
    public void ToString_Parsed_RoundTrips(string text)
    {
        var value = ParseOrThrow(text);

        var written = value.ToString();

        Assert.Equal(text, written);
    }

    [Fact]
    public void ToString_AddrSpec_WrittenAsNameAddr()
    {
        var value = ParseOrThrow("sip:alice@atlanta.com;tag=1");

        var written = value.ToString();

        Assert.Equal("<sip:alice@atlanta.com>;tag=1", written);
    }

    [Fact]
    public void WithTag_ExistingTag_Replaced()
    {
        var value = ParseOrThrow("Bob <sip:bob@biloxi.com>;tag=old");

        var tagged = value.WithTag("new");

        Assert.Equal("\"Bob\" <sip:bob@biloxi.com>;tag=new", tagged.ToString());
        Assert.Equal("old", value.Tag);
    }

    private static SipNameAddress ParseOrThrow(string text) =>
        SipNameAddress.TryParse(text, out var value) ? value : throw new InvalidOperationException(text);
}
