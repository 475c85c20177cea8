using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Inbox.CallLoad;

/// <summary>
/// Writes, into --out, the server's appsettings.json (the repository's defaults with the load's campaigns, agents,
/// numbers and ports) and two sipp injection files: registrations.csv (extension; digest credentials) for the agents'
/// phones and numbers.csv (one campaign number a line) that the callers dial in turn.
/// </summary>
internal static class LoadConfig
{
    public static async Task<int> WriteAsync(CommandLine options)
    {
        var agents = options.Number("agents");
        var teamSize = Math.Clamp(options.Number("team-size", agents), 1, agents);
        var teams = (agents + teamSize - 1) / teamSize;
        var output = options.Text("out");
        var settings = JsonNode.Parse(await File.ReadAllTextAsync(options.Text("base")))!;

        // Warning: an Information line per call would cost more than the call at hundreds of calls per second.
        settings["Logging"]!["LogLevel"]!["Default"] = "Warning";
        settings["Inbox"]!["DataDirectory"] = options.Text("data", "data");
        settings["Api"]!["Port"] = options.Number("api-port");
        settings["Api"]!["WebPort"] = options.Number("web-port");
        settings["Sip"]!["Transport"]!["Port"] = options.Number("sip-port");
        settings["Sip"]!["Transport"]!["ListenAddresses"] = new JsonArray("127.0.0.1");
        settings["Sip"]!["Transport"]!["EnableTcp"] = false;

        // sipp answers digest challenges with MD5 only.
        settings["Sip"]!["Registrar"]!["Algorithms"] = new JsonArray("MD5");

        // Four ports a call (two legs, RTP and RTCP each): 10000-32000 holds 5,500 calls, below Linux's ephemeral
        // range (32768 and up) and above the fixed ports of sipp and of this tool.
        settings["Media"]!["Rtp"] = new JsonObject { ["FirstPort"] = 10000, ["LastPort"] = 32000 };
        settings["Media"]!["Receive"]!["Engine"] = options.Text("receive-engine", "Auto");
        settings["Telephony"] = new JsonObject
        {
            ["MediaAddress"] = "127.0.0.1",
            ["RingTime"] = "00:00:00",
            ["Numbers"] = new JsonArray(Enumerable.Range(0, teams)
                .Select(team => (JsonNode)new JsonObject { ["Number"] = LoadAgents.Number(team), ["CampaignId"] = LoadAgents.CampaignId(team) })
                .ToArray()),
        };
        settings["Campaigns"] = new JsonArray(Enumerable.Range(0, teams).Select(team => (JsonNode)Campaign(team)).ToArray());
        settings["Agents"] = new JsonArray(Enumerable.Range(0, agents).Select(agent => (JsonNode)Agent(agent, agent / teamSize)).ToArray());

        Directory.CreateDirectory(output);
        await File.WriteAllTextAsync(Path.Combine(output, "appsettings.json"), settings.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

        // sipp cannot nest [field0] inside [authentication ...], so the whole keyword is the field.
        var registrations = new StringBuilder("SEQUENTIAL\n");
        for (var agent = 0; agent < agents; agent++)
        {
            registrations.Append($"{LoadAgents.Extension(agent)};[authentication username={LoadAgents.Extension(agent)} password={LoadAgents.SipPassword(agent)}]\n");
        }

        await File.WriteAllTextAsync(Path.Combine(output, "registrations.csv"), registrations.ToString());
        var numbers = new StringBuilder("SEQUENTIAL\n");
        for (var team = 0; team < teams; team++)
        {
            numbers.Append(LoadAgents.Number(team)).Append(";\n");
        }

        await File.WriteAllTextAsync(Path.Combine(output, "numbers.csv"), numbers.ToString());
        Console.WriteLine($"{agents} agents in {teams} campaign(s) of up to {teamSize}, numbers {LoadAgents.Number(0)}-{LoadAgents.Number(teams - 1)}");
        return 0;
    }

    private static JsonObject Campaign(int team) => new()
    {
        ["Id"] = LoadAgents.CampaignId(team),
        ["Name"] = "Load " + LoadAgents.CampaignId(team),
        // No wrap-up: the desk closes each call as soon as it is finalized, so the agent is free for the next one.
        ["Channels"] = new JsonArray(new JsonObject { ["Kind"] = "Telephony", ["Inbound"] = true, ["Outbound"] = false, ["WrapUp"] = "00:00:00", ["MaxPerAgent"] = 1 }),
        // Generous: a lapsed offer marks the agent not responding, which the run counts as a failure.
        ["OfferTimeout"] = "00:01:00",
        ["Routing"] = "LongestIdle",
    };

    private static JsonObject Agent(int agent, int team) => new()
    {
        ["Id"] = LoadAgents.Id(agent),
        ["Name"] = "Load agent " + LoadAgents.Id(agent),
        ["Extensions"] = new JsonArray(LoadAgents.Extension(agent)),
        ["SipPassword"] = LoadAgents.SipPassword(agent),
        ["Campaigns"] = new JsonArray(LoadAgents.CampaignId(team)),
        // Plain keys: a hashed key costs a PBKDF2 derivation (100,000 iterations) per sign-in.
        ["ApiKey"] = LoadAgents.ApiKey(agent),
    };
}
