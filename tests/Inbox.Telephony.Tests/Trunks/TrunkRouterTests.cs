using Inbox.Interactions.Errors;
using Inbox.Telephony.Routing;
using Inbox.Telephony.Trunks;
using Microsoft.Extensions.Options;

namespace Inbox.Telephony.Tests.Trunks;

/// <summary>Dial rules and trunk choice: what an agent types becomes the filed number and the trunk's Request-URI user.</summary>
public sealed class TrunkRouterTests
{
    private static readonly TrunkRouter s_router = new(Options.Create(new TelephonyOptions
    {
        DialRules =
        [
            new() { Match = "^00", Strip = 2, Prepend = "+" },
            new() { Match = "^[6-9][0-9]{8}$", Prepend = "+34" },
        ],
        Trunks =
        [
            new() { Id = "spain", Address = "sip.spain.example", Numbers = [@"^\+34"], DialRules = [new() { Match = @"^\+", Strip = 1, Prepend = "00" }] },
            new() { Id = "world", Address = "[2001:db8::1]:5070" },
        ],
        Campaigns = [new() { CampaignId = "support", Trunks = ["spain", "world"] }, new() { CampaignId = "sales", Trunks = ["spain"] }],
    }));

    [Theory]
    [InlineData("0034600123456", "+34600123456", "spain", "0034600123456")]
    [InlineData("600123456", "+34600123456", "spain", "0034600123456")]
    [InlineData("+34600123456", "+34600123456", "spain", "0034600123456")]
    [InlineData("00441632960000", "+441632960000", "world", "+441632960000")]
    [InlineData("5551234", "5551234", "world", "5551234")]
    public void Route_Number_NormalisedAndRewrittenForTheFirstTrunkThatDialsIt(string typed, string number, string trunk, string dialled)
    {
        var route = s_router.Route("support", typed);

        Assert.Equal((number, trunk, dialled), (route.Number, route.Trunk.Id, route.Dialled));
    }

    [Fact]
    public void Route_NoTrunkDialsTheNumber_InvalidArgument()
    {
        var refused = Assert.Throws<InboxException>(() => s_router.Route("sales", "00441632960000"));

        Assert.Equal(InboxError.InvalidArgument, refused.Error);
        Assert.Contains("+441632960000", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_CampaignWithoutTrunks_FailedPrecondition()
    {
        var refused = Assert.Throws<InboxException>(() => s_router.Route("mail", "600123456"));

        Assert.Equal(InboxError.FailedPrecondition, refused.Error);
    }

    [Fact]
    public void TryRoute_WhereRouteRefuses_NullElseTheSameRoute()
    {
        Assert.Null(s_router.TryRoute("sales", "00441632960000"));
        Assert.Null(s_router.TryRoute("mail", "600123456"));
        Assert.Equal(s_router.Route("support", "600123456"), s_router.TryRoute("support", "600123456"));
    }

    [Fact]
    public void Find_TheRouteChosenBefore_SameTrunkAndNumbers()
    {
        var route = s_router.Find("world", "+441632960000", "+441632960000");

        Assert.Equal(("2001:db8::1", 5070, "[2001:db8::1]"), (route!.Trunk.Host, route.Trunk.Port, route.Trunk.UriHost));
        Assert.Null(s_router.Find("gone", "1", "1"));
    }

    [Theory]
    [InlineData("10.0.0.1", "10.0.0.1", 5060)]
    [InlineData("sip.example.com:5080", "sip.example.com", 5080)]
    [InlineData("[::1]:5070", "::1", 5070)]
    public void TryParseAddress_HostAndPort_Split(string address, string host, int port)
    {
        Assert.True(Trunk.TryParseAddress(address, out var parsedHost, out var parsedPort));

        Assert.Equal((host, port), (parsedHost, parsedPort));
    }

    [Theory]
    [InlineData("")]
    [InlineData("host:0")]
    [InlineData("host:70000")]
    [InlineData("[::1")]
    [InlineData("a b:5060")]
    public void TryParseAddress_Malformed_False(string address) => Assert.False(Trunk.TryParseAddress(address, out _, out _));

    [Theory]
    [InlineData(486, "Busy Here", "busy")]
    [InlineData(600, "Busy Everywhere", "busy")]
    [InlineData(480, "Temporarily Unavailable", "no answer")]
    [InlineData(603, "Decline", "declined")]
    [InlineData(503, "Service Unavailable", "failed: 503 Service Unavailable")]
    public void ReasonFor_FinalStatus_EndReason(int status, string phrase, string reason) => Assert.Equal(reason, TrunkLeg.ReasonFor(status, phrase));
}
