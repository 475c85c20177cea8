using System.Text.Json.Nodes;
using Grpc.Core;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Tests.Grpc;

/// <summary>"New" on telephony through the real host: refused before anything is stored when it cannot ring or dial.</summary>
public sealed class OutboundCallApiTests
{
    [Fact]
    public async Task StartInteraction_TelephonyWithoutARegisteredPhone_FailedPreconditionAndNothingStarted()
    {
        await using var server = await ApiServer.StartAsync(WithTrunk);
        var ana = await server.Agent("ana").SignInAsync();

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await ana.Interactions.StartInteractionAsync(Call("0034 600 123 456"), ana.Auth));
        var active = await ana.Interactions.ListActiveAsync(new V1.ListActiveRequest(), ana.Auth);

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("No phone is registered", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(active.Interactions);
    }

    [Fact]
    public async Task StartInteraction_NumberNoTrunkDials_InvalidArgumentNamingTheNumber()
    {
        await using var server = await ApiServer.StartAsync(WithTrunk);
        var ana = await server.Agent("ana").SignInAsync();

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await ana.Interactions.StartInteractionAsync(Call("0044 1632 960000"), ana.Auth));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("+441632960000", refused.Status.Detail, StringComparison.Ordinal);
    }

    private static V1.StartInteractionRequest Call(string number) =>
        new() { RequestId = Guid.NewGuid().ToString("N"), Channel = V1.ChannelKind.Telephony, CampaignId = "support", CustomerAddress = number };

    // Campaign "support" places calls through a Spanish trunk.
    private static void WithTrunk(JsonObject settings)
    {
        settings["Campaigns"]![0]!["Channels"]!.AsArray().Add(new JsonObject { ["Kind"] = "Telephony" });
        settings["Telephony"] = new JsonObject
        {
            ["DialRules"] = new JsonArray(new JsonObject { ["Match"] = "^00", ["Strip"] = 2, ["Prepend"] = "+" }),
            ["Trunks"] = new JsonArray(new JsonObject { ["Id"] = "spain", ["Address"] = "127.0.0.1:5999", ["Numbers"] = new JsonArray(@"^\+34") }),
            ["Campaigns"] = new JsonArray(new JsonObject { ["CampaignId"] = "support", ["Trunks"] = new JsonArray("spain") }),
        };
    }
}
