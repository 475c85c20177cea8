using System.Text.Json;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Interactions;
using Inbox.Interactions.Messages;
using Inbox.Interactions.Storage;

namespace Inbox.Interactions.Tests.Storage;

/// <summary>The stored format is a compatibility contract: databases outlive builds.</summary>
public sealed class StoredValueTests
{
    [Fact]
    public void Json_Interaction_IsCamelCaseWithEnumNamesAndNoNullsOrDerivedProperties()
    {
        var interaction = new Interaction
        {
            Id = "int-1",
            Channel = ChannelKind.WhatsApp,
            CampaignId = "sales",
            Direction = InteractionDirection.Inbound,
            CustomerAddress = "+1",
            State = InteractionState.TransferPending,
            DeclinedBy = ["bob"],
            CreatedAt = new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.FromHours(2)),
        };

        using var json = JsonDocument.Parse(StoredValue.Json(interaction));

        var root = json.RootElement;
        Assert.Equal("whatsApp", root.GetProperty("channel").GetString());
        Assert.Equal("transferPending", root.GetProperty("state").GetString());
        Assert.Equal("2025-03-01T10:00:00+02:00", root.GetProperty("createdAt").GetString());
        Assert.Equal("bob", root.GetProperty("declinedBy")[0].GetString());
        Assert.False(root.TryGetProperty("agentId", out _));
        Assert.False(root.TryGetProperty("isOpen", out _));
        Assert.False(root.TryGetProperty("isInHand", out _));
    }

    [Fact]
    public void ReadInteraction_NumericEnum_IsRefused()
    {
        const string Json = """{"id":"i","channel":2,"campaignId":"c","direction":"inbound","customerAddress":"a","state":"active","createdAt":"2025-03-01T10:00:00Z"}""";

        Assert.Throws<JsonException>(() => StoredValue.ReadInteraction(Json));
    }

    [Fact]
    public void Name_PartialIndexLiterals_MatchTheStoredNames()
    {
        // The schemas' partial indexes and the queries spell these out.
        Assert.Equal("closed", StoredValue.Name(InteractionState.Closed));
        Assert.Equal("inbound", StoredValue.Name(MessageDirection.Inbound));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(9, 0)]
    [InlineData(10, 1)]
    [InlineData(-1, -1)]
    [InlineData(-10, -1)]
    [InlineData(-11, -2)]
    public void Time_Ticks_RoundDownToMicroseconds(long ticksFromEpoch, long microseconds)
    {
        var instant = DateTimeOffset.UnixEpoch.AddTicks(ticksFromEpoch);

        Assert.Equal(microseconds, StoredValue.Time(instant));
    }

    [Fact]
    public void Time_RoundTrip_IsExactToTheMicrosecondAndUtc()
    {
        var instant = new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.FromHours(-5)).AddTicks(1_234_560);

        var back = StoredValue.Time(StoredValue.Time(instant));

        Assert.Equal(instant, back);
        Assert.Equal(TimeSpan.Zero, back.Offset);
    }
}
