using Inbox.Telephony.Routing;
using Microsoft.Extensions.Options;

namespace Inbox.Telephony.Tests.Routing;

public sealed class NumberRouterTests
{
    private readonly NumberRouter _router = new(Options.Create(new TelephonyOptions
    {
        Numbers = [new() { Number = "5000", CampaignId = "support" }, new() { Number = "+441632960000", CampaignId = "sales" }],
    }));

    [Theory]
    [InlineData("5000", "support")]
    [InlineData("+441632960000", "sales")]
    public void TryRoute_ConfiguredNumber_ItsCampaign(string number, string campaign)
    {
        var found = _router.TryRoute(number, out var campaignId);

        Assert.True(found);
        Assert.Equal(campaign, campaignId);
    }

    [Theory]
    [InlineData("5002")]
    [InlineData("")]
    [InlineData(null)]
    public void TryRoute_UnknownOrMissingNumber_False(string? number)
    {
        var found = _router.TryRoute(number, out var campaignId);

        Assert.False(found);
        Assert.Null(campaignId);
    }
}
