using Inbox.Telephony.Routing;
using Microsoft.Extensions.Options;

namespace Inbox.Telephony.Tests.Routing;

public sealed class TelephonyOptionsValidatorTests
{
    private readonly TelephonyOptionsValidator _validator = new(Options.Create(TelephonyTestDirectory.Create()));

    [Fact]
    public void Validate_KnownTelephonyCampaign_Succeeds()
    {
        var options = new TelephonyOptions { Numbers = [new() { Number = "5000", CampaignId = "support" }] };

        var result = _validator.Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_UnknownCampaign_FailsNamingTheKey()
    {
        var options = new TelephonyOptions { Numbers = [new() { Number = "5000", CampaignId = "support" }, new() { Number = "5001", CampaignId = "nope" }] };

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Telephony:Numbers:1:CampaignId 'nope' is not a configured campaign.", result.Failures!);
    }

    [Fact]
    public void Validate_CampaignWithoutInboundCalls_Fails()
    {
        var options = new TelephonyOptions { Numbers = [new() { Number = "5000", CampaignId = "mail" }] };

        var result = _validator.Validate(null, options);

        Assert.Contains("Telephony:Numbers:0:CampaignId 'mail' does not take inbound Telephony interactions.", result.Failures!);
    }

    [Fact]
    public void Validate_DuplicateNumberAndBadAddress_FailsForEach()
    {
        var options = new TelephonyOptions
        {
            MediaAddress = "media.example.com",
            Numbers = [new() { Number = "5000", CampaignId = "support" }, new() { Number = "5000", CampaignId = "support" }],
        };

        var result = _validator.Validate(null, options);

        Assert.Equal(2, result.Failures!.Count());
        Assert.Contains("Telephony:Numbers:1:Number '5000' is listed twice.", result.Failures!);
    }

    [Fact]
    public void Validate_SessionTimersOutOfRange_FailsNamingTheKeys()
    {
        var options = new TelephonyOptions
        {
            Numbers = [new() { Number = "5000", CampaignId = "support" }],
            MinSessionExpires = TimeSpan.FromSeconds(60),
            SessionExpires = TimeSpan.FromSeconds(30),
            RtpTimeout = TimeSpan.FromSeconds(-1),
        };

        var result = _validator.Validate(null, options);

        Assert.Contains("Telephony:MinSessionExpires must be whole seconds, at least 00:01:30 (RFC 4028).", result.Failures!);
        Assert.Contains("Telephony:SessionExpires must be whole seconds, at least Telephony:MinSessionExpires.", result.Failures!);
        Assert.Contains("Telephony:RtpTimeout must be 00:00:00 (off) or more.", result.Failures!);
    }

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        var options = new TelephonyOptions();

        Assert.Equal((TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(60)), (options.SessionExpires, options.MinSessionExpires, options.RtpTimeout));
        Assert.True(_validator.Validate(null, options).Succeeded);
    }
}
