using System.Text.Json.Nodes;

namespace Inbox.EndToEndTests;

/// <summary>The server's configuration for a trunk whose far end is one of the test's SIPp instances.</summary>
internal static class TrunkSettings
{
    // A trunk at the test's SIPp for campaign "support": agents dial national (600123456) or 00-international numbers,
    // filed as +34..., and the trunk wants them with 00.
    public static void Add(JsonNode settings, int trunkPort)
    {
        var telephony = settings["Telephony"]!;
        telephony["DialRules"] = new JsonArray(
            new JsonObject { ["Match"] = "^00", ["Strip"] = 2, ["Prepend"] = "+" },
            new JsonObject { ["Match"] = "^[6-9][0-9]{8}$", ["Prepend"] = "+34" });
        telephony["Trunks"] = new JsonArray(new JsonObject
        {
            ["Id"] = "e2e-carrier",
            ["Address"] = $"127.0.0.1:{trunkPort}",
            ["FromUser"] = "+34910000000",
            ["DialRules"] = new JsonArray(new JsonObject { ["Match"] = @"^\+", ["Strip"] = 1, ["Prepend"] = "00" }),
        });
        telephony["Campaigns"] = new JsonArray(new JsonObject { ["CampaignId"] = "support", ["Trunks"] = new JsonArray("e2e-carrier") });
    }
}
