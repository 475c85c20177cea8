using System.ComponentModel.DataAnnotations;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Directory;

namespace Inbox.Interactions.Tests.Directory;

public sealed class AgentDirectoryOptionsTests
{
    [Fact]
    public void Validate_ConsistentDirectory_NoErrors()
    {
        var options = Valid();

        Assert.Empty(Errors(options));
    }

    [Fact]
    public void Validate_AgentInUnknownCampaign_NamesTheKey()
    {
        var options = Valid();
        options.Agents[0].Campaigns.Add("nowhere");

        Assert.Contains("Agents:0:Campaigns: no campaign has id 'nowhere'.", Errors(options));
    }

    [Fact]
    public void Validate_ChannelListedTwice_NamesTheKey()
    {
        var options = Valid();
        options.Campaigns[0].Channels.Add(new CampaignChannelOptions { Kind = ChannelKind.Email });

        Assert.Contains("Campaigns:0:Channels:1:Kind: Email is listed twice.", Errors(options));
    }

    [Fact]
    public void Validate_DuplicateDispositionAtOneLevel_NamesTheKey()
    {
        var options = Valid();
        options.Campaigns[0].Dispositions[0].Children.Add(new DispositionOptions { Code = "fixed", Name = "Again" });

        Assert.Contains("Campaigns:0:Dispositions:0:Children:1:Code: 'fixed' is listed twice at this level.", Errors(options));
    }

    [Fact]
    public void Validate_ExternalFormWithoutUrl_NamesTheKey()
    {
        var options = Valid();
        options.Campaigns[0].Form = new FormOptions { Kind = FormKind.ExternalUrl };

        Assert.Contains("Campaigns:0:Form:Url: an external form needs an absolute URL.", Errors(options));
    }

    [Fact]
    public void Validate_MalformedApiKeyHash_NamesTheKey()
    {
        var options = Valid();
        options.Agents[0].ApiKeyHash = "sha1$abc";

        Assert.Contains(Errors(options), e => e.StartsWith("Agents:0:ApiKeyHash:", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_TwoAgentsWithOneId_NamesTheKey()
    {
        var options = Valid();
        options.Agents.Add(new AgentOptions { Id = "ana", Name = "Other Ana" });

        Assert.Contains("Agents:1:Id: two agents have id 'ana'.", Errors(options));
    }

    [Fact]
    public void Validate_NonPositiveTransferTimeout_NamesTheKey()
    {
        var options = Valid();
        options.Campaigns[0].TransferTimeout = TimeSpan.Zero;

        Assert.Contains("Campaigns:0:TransferTimeout must be positive.", Errors(options));
    }

    [Theory]
    [InlineData("00:02:00", "nowhere", "Campaigns:0:Overflow:CampaignId: no campaign has id 'nowhere'.")]
    [InlineData("00:02:00", "support", "Campaigns:0:Overflow:CampaignId: a campaign cannot overflow to itself.")]
    [InlineData("00:00:01", "sales", "Campaigns:0:Overflow:After must be between 5 seconds and 7 days.")]
    [InlineData(null, "sales", "Campaigns:0:Overflow:After (or Campaigns:0:Overflow:WhenNobodyIsSignedIn) is required with Campaigns:0:Overflow:CampaignId.")]
    [InlineData("00:02:00", null, "Campaigns:0:Overflow:CampaignId is required with Campaigns:0:Overflow:After or Campaigns:0:Overflow:WhenNobodyIsSignedIn.")]
    public void Validate_OverflowNotUsable_NamesTheKey(string? after, string? campaignId, string error)
    {
        var options = Valid();
        options.Campaigns.Add(new CampaignOptions { Id = "sales", Name = "Sales" });
        options.Campaigns[0].Overflow = new OverflowOptions { After = after is null ? null : TimeSpan.Parse(after, System.Globalization.CultureInfo.InvariantCulture), CampaignId = campaignId };

        Assert.Equal([error], Errors(options));
    }

    [Fact]
    public void Validate_OverflowGoingRoundInACircle_NamesEachKeyOnIt()
    {
        var options = Valid();
        options.Campaigns.Add(new CampaignOptions { Id = "sales", Name = "Sales", Overflow = new OverflowOptions { After = TimeSpan.FromMinutes(1), CampaignId = "support" } });
        options.Campaigns[0].Overflow = new OverflowOptions { After = TimeSpan.FromMinutes(2), CampaignId = "sales" };

        Assert.Equal(
            [
                "Campaigns:0:Overflow:CampaignId: the overflow goes round in a circle (support -> sales -> support).",
                "Campaigns:1:Overflow:CampaignId: the overflow goes round in a circle (sales -> support -> sales).",
            ],
            Errors(options));
    }

    [Fact]
    public void Validate_OverflowToACampaignListedAfterIt_NoErrors()
    {
        var options = Valid();
        options.Campaigns.Add(new CampaignOptions { Id = "sales", Name = "Sales" });
        options.Campaigns[0].Overflow = new OverflowOptions { After = TimeSpan.FromMinutes(2), CampaignId = "sales" };

        Assert.Empty(Errors(options));
    }

    private static AgentDirectoryOptions Valid() => new()
    {
        Campaigns =
        [
            new CampaignOptions
            {
                Id = "support",
                Name = "Support",
                Channels = [new CampaignChannelOptions { Kind = ChannelKind.Email }],
                Dispositions = [new DispositionOptions { Code = "tech", Name = "Technical", Children = [new() { Code = "fixed", Name = "Fixed" }] }],
            },
        ],
        Agents = [new AgentOptions { Id = "ana", Name = "Ana", Campaigns = ["support"], ApiKeyHash = ApiKeyHash.Create("k", 1000) }],
    };

    private static List<string> Errors(AgentDirectoryOptions options) =>
        [.. options.Validate(new ValidationContext(options)).Select(r => r.ErrorMessage!)];
}
