namespace Inbox.Contracts.Channels;

/// <summary>The version of this API. A plugin's manifest names the version it was built against.</summary>
public static class ChannelContract
{
    /// <summary>
    /// Bumped when a change would break plugins built against the previous version; additions that old plugins can
    /// ignore keep it. The host loads only plugins whose manifest names this exact version.
    /// </summary>
    public const int Version = 1;
}
