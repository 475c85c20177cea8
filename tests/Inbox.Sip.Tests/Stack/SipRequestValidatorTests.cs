using Inbox.Sip.Messages;
using Inbox.Sip.Stack;
using Inbox.Sip.Tests.Transactions;

namespace Inbox.Sip.Tests.Stack;

public sealed class SipRequestValidatorTests
{
    [Fact]
    public void Validate_WellFormedRequest_Accepted()
    {
        var request = SipTestMessages.Request("OPTIONS");

        var rejection = SipRequestValidator.Validate(request);

        Assert.Null(rejection);
    }

    [Theory]
    [InlineData("unknownscheme:unknownstuff")]
    [InlineData("tel:+1-201-555-0123")]
    [InlineData("mailto:bob@biloxi.example.com")]
    public void Validate_RequestUriOfAnotherScheme_UnsupportedUriScheme(string requestUri)
    {
        var request = WithRequestUri(requestUri);

        var rejection = SipRequestValidator.Validate(request);

        Assert.Equal(416, rejection?.StatusCode);
    }

    [Fact]
    public void Validate_MalformedSipRequestUri_BadRequestNamingTheUri()
    {
        var request = WithRequestUri("sip:@@");

        var rejection = SipRequestValidator.Validate(request);

        Assert.Equal(400, rejection?.StatusCode);
        Assert.Contains("Request-URI", rejection!.ReasonPhrase, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CSeqMethodDiffersFromRequestMethod_BadRequest()
    {
        var request = (SipRequest)SipTestMessages.Parse(SipTestMessages.Request("OPTIONS").ToString().Replace("CSeq: 314159 OPTIONS", "CSeq: 314159 INVITE", StringComparison.Ordinal));

        var rejection = SipRequestValidator.Validate(request);

        Assert.Equal(400, rejection?.StatusCode);
    }

    [Fact]
    public void Validate_UnsupportedRequireOption_BadExtensionListingIt()
    {
        var request = SipTestMessages.Request("OPTIONS", extraHeaders: "Require: 100rel, path, foo\r\n");

        var rejection = SipRequestValidator.Validate(request);

        Assert.Equal(420, rejection?.StatusCode);
        Assert.Equal(new KeyValuePair<string, string>("Unsupported", "100rel, foo"), Assert.Single(rejection!.Headers!));
    }

    private static SipRequest WithRequestUri(string requestUri) =>
        (SipRequest)SipTestMessages.Parse(SipTestMessages.Request("OPTIONS").ToString().Replace("sip:bob@biloxi.example.com SIP/2.0", requestUri + " SIP/2.0", StringComparison.Ordinal));
}
