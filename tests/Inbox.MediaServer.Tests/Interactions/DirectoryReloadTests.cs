using System.Text.Json.Nodes;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Tests.Interactions;

/// <summary>Agents and campaigns follow edits of the configuration file while the server runs.</summary>
public sealed class DirectoryReloadTests
{
    private static readonly TimeSpan s_reloadWait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ConfigEdit_Valid_TakesEffectWithoutRestart()
    {
        await using var server = await ApiServer.StartAsync();
        var ana = await server.Agent("ana").SignInAsync();

        await server.EditSettingsAsync(settings => settings["Campaigns"]![0]!["Name"] = "Customer care");

        await WaitUntilAsync(async () => (await ana.Campaigns.ListCampaignsAsync(new V1.ListCampaignsRequest(), ana.Auth)).Campaigns[0].Name == "Customer care");
    }

    [Fact]
    public async Task ConfigEdit_Invalid_IsLoggedAndTheRunningDirectoryStays()
    {
        await using var server = await ApiServer.StartAsync();
        var ana = await server.Agent("ana").SignInAsync();

        await server.EditSettingsAsync(settings =>
        {
            settings["Campaigns"]![0]!["Name"] = "Never applied";
            settings["Agents"]![0]!["Campaigns"] = new JsonArray("no-such-campaign");
        });

        await WaitUntilAsync(() => Task.FromResult(server.Log.Entries.Any(e => e.Id.Id == 3003)));
        var rejected = server.Log.Entries.Single(e => e.Id.Id == 3003).Message;
        Assert.Contains("Agents:0:Campaigns: no campaign has id 'no-such-campaign'", rejected, StringComparison.Ordinal);
        var campaigns = await ana.Campaigns.ListCampaignsAsync(new V1.ListCampaignsRequest(), ana.Auth);
        Assert.Equal("Support", Assert.Single(campaigns.Campaigns).Name);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + s_reloadWait;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The configuration change was not picked up in time.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
