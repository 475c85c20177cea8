using System.Globalization;

namespace Inbox.CallLoad;

/// <summary>How the generated agents, campaigns and numbers are named, shared by both commands.</summary>
internal static class LoadAgents
{
    public const string Disposition = "resolved";

    public static string Id(int agent) => "agent-" + Text(agent);

    // Five digits from 20000: clear of the campaign numbers (7000 and up) that callers dial.
    public static string Extension(int agent) => Text(20000 + agent);

    public static string SipPassword(int agent) => "pw-" + Text(agent);

    public static string ApiKey(int agent) => "key-" + Text(agent);

    public static string CampaignId(int team) => "load-" + Text(team);

    public static string Number(int team) => Text(7000 + team);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
