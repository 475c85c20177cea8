using Inbox.Interactions.Channels;
using Inbox.Interactions.Directory;

namespace Inbox.Interactions.Tests.Directory;

public sealed class InboxDirectoryTests
{
    private static readonly InboxDirectory s_directory = InboxDirectory.From(new AgentDirectoryOptions
    {
        Dispositions = [new DispositionOptions { Code = "spam", Name = "Spam" }],
        Campaigns =
        [
            new CampaignOptions
            {
                Id = "sales",
                Name = "Sales",
                Channels = [new() { Kind = ChannelKind.Telephony }, new() { Kind = ChannelKind.Sms, MaxPerAgent = 4 }, new() { Kind = ChannelKind.Email }],
                Dispositions = [new() { Code = "sale", Name = "Sale", Children = [new() { Code = "upsell", Name = "Upsell" }] }],
                Templates = [new() { Id = "t", Channel = ChannelKind.WhatsApp, Name = "t", Body = "Hi {{1}}, order {{2}} for {{1}}" }],
                Form = new FormOptions { Kind = FormKind.ExternalUrl, Url = "https://crm.example/p?n={customer.name}&i={interaction.id}" },
            },
            new CampaignOptions { Id = "support", Name = "Support" },
        ],
        Agents =
        [
            new AgentOptions { Id = "ana", Name = "Ana", Campaigns = ["sales"] },
            new AgentOptions { Id = "bruno", Name = "Bruno", Campaigns = ["support"] },
            new AgentOptions { Id = "carla", Name = "Carla", Campaigns = ["sales", "support"] },
            new AgentOptions { Id = "dora", Name = "Dora", Role = AgentRole.Supervisor },
        ],
    });

    [Fact]
    public void From_Campaign_GlobalDispositionsFirstThenItsOwn()
    {
        var sales = s_directory.Campaign("sales")!;

        Assert.Equal(["spam", "sale"], sales.Dispositions.Select(d => d.Code));
        Assert.Equal(["ana", "carla"], sales.Members);
    }

    [Fact]
    public void From_ChannelLimits_TelephonyOneTextThreeUnlessSet()
    {
        var sales = s_directory.Campaign("sales")!;

        Assert.Equal(1, sales.Channel(ChannelKind.Telephony)!.MaxPerAgent);
        Assert.Equal(4, sales.Channel(ChannelKind.Sms)!.MaxPerAgent);
        Assert.Equal(3, sales.Channel(ChannelKind.Email)!.MaxPerAgent);
        Assert.Null(sales.Channel(ChannelKind.WhatsApp));
    }

    [Theory]
    [InlineData("sale/upsell", true)]
    [InlineData("sale", false)]
    [InlineData("spam", true)]
    public void Find_DispositionPath_FoundWithLeafFlag(string path, bool leaf)
    {
        var found = Disposition.Find(s_directory.Campaign("sales")!.Dispositions, path);

        Assert.Equal(leaf, found!.IsLeaf);
    }

    [Fact]
    public void TeamOf_Agent_SharesACampaignOrSupervises()
    {
        var team = s_directory.TeamOf(s_directory.Agent("ana")!).Select(a => a.Id).Order();

        Assert.Equal(["carla", "dora"], team);
    }

    [Fact]
    public void TeamOf_Supervisor_Everybody()
    {
        var team = s_directory.TeamOf(s_directory.Agent("dora")!).Select(a => a.Id).Order();

        Assert.Equal(["ana", "bruno", "carla"], team);
    }

    [Fact]
    public void Render_Template_RepeatedPlaceholdersFilled()
    {
        var template = s_directory.Campaign("sales")!.Template("t")!;

        Assert.Equal(2, template.ParameterCount);
        Assert.Equal("Hi Maria, order 42 for Maria", template.Render(["Maria", "42"]));
    }

    [Fact]
    public void Resolve_FormUrl_FieldsEscaped()
    {
        var form = s_directory.Campaign("sales")!.Form;

        var url = form.Resolve(new Dictionary<string, string?> { ["customer.name"] = "João & Co", ["interaction.id"] = "abc" });

        Assert.Equal("https://crm.example/p?n=Jo%C3%A3o%20%26%20Co&i=abc", url);
    }

    [Fact]
    public void From_PauseReasons_ConfiguredReplaceTheDefaults()
    {
        var configured = InboxDirectory.From(new AgentDirectoryOptions { PauseReasons = ["Coaching", "Coaching", "Break"] });
        var defaults = InboxDirectory.From(new AgentDirectoryOptions());

        Assert.Equal(["Coaching", "Break"], configured.PauseReasons);
        Assert.Equal(["Break", "Lunch", "Training", "Meeting"], defaults.PauseReasons);
    }
}
