using Inbox.Telephony.Routing;
using Inbox.Telephony.Tests.Routing;
using Inbox.Telephony.Trunks;
using Microsoft.Extensions.Options;

namespace Inbox.Telephony.Tests.Trunks;

public sealed class TrunkOptionsValidatorTests
{
    private readonly TrunkOptionsValidator _validator = new(Options.Create(TelephonyTestDirectory.Create()));

    [Fact]
    public void Validate_TrunkAndCampaign_Succeeds()
    {
        var options = new TelephonyOptions
        {
            Trunks = [new() { Id = "carrier", Address = "sip.carrier.example:5060", Username = "u", Password = "p", Numbers = [@"^\+34"] }],
            DialRules = [new() { Match = "^00", Strip = 2, Prepend = "+" }],
            Campaigns = [new() { CampaignId = "support", Trunks = ["carrier"] }],
        };

        var result = _validator.Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_EveryMistake_NamesItsKey()
    {
        var options = new TelephonyOptions
        {
            Trunks =
            [
                new() { Id = "carrier", Address = "host:99999", Username = "u", Numbers = ["("] },
                new() { Id = "carrier", Address = "ok", DialRules = [new() { Match = "", Strip = -1 }] },
            ],
            Campaigns = [new() { CampaignId = "mail", Trunks = ["nope"] }, new() { CampaignId = "ghost" }],
            DialTimeout = TimeSpan.FromSeconds(1),
        };

        var failures = _validator.Validate(null, options).Failures!.ToList();

        Assert.Contains("Telephony:Trunks:0:Address 'host:99999' is not host[:port].", failures);
        Assert.Contains("Telephony:Trunks:0:Password is required with Username.", failures);
        Assert.Contains(failures, f => f.StartsWith("Telephony:Trunks:0:Numbers:0 '(' is not a regular expression", StringComparison.Ordinal));
        Assert.Contains("Telephony:Trunks:1:Id 'carrier' is listed twice.", failures);
        Assert.Contains("Telephony:Trunks:1:DialRules:0:Match is required.", failures);
        Assert.Contains("Telephony:Trunks:1:DialRules:0:Strip must not be negative.", failures);
        Assert.Contains("Telephony:Campaigns:0:CampaignId 'mail' does not start outbound Telephony interactions.", failures);
        Assert.Contains("Telephony:Campaigns:0:Trunks:0 'nope' is not a configured trunk.", failures);
        Assert.Contains("Telephony:Campaigns:1:CampaignId 'ghost' is not a configured campaign.", failures);
        Assert.Contains("Telephony:Campaigns:1:Trunks needs at least one trunk id.", failures);
        Assert.Contains("Telephony:DialTimeout must be between 00:00:05 and 00:10:00.", failures);
    }
}
