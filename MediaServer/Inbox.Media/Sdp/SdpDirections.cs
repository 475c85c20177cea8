namespace Inbox.Media.Sdp;

/// <summary>Helpers over <see cref="SdpDirection"/>: attribute names and the RFC 3264 §6.1 answer rules.</summary>
internal static class SdpDirections
{
    public static bool CanSend(this SdpDirection direction) => direction is SdpDirection.SendRecv or SdpDirection.SendOnly;

    public static bool CanReceive(this SdpDirection direction) => direction is SdpDirection.SendRecv or SdpDirection.RecvOnly;

    public static SdpDirection From(bool send, bool receive) => (send, receive) switch
    {
        (true, true) => SdpDirection.SendRecv,
        (true, false) => SdpDirection.SendOnly,
        (false, true) => SdpDirection.RecvOnly,
        _ => SdpDirection.Inactive,
    };

    /// <summary>
    /// Our direction towards a peer that declared <paramref name="remote"/>, limited by what we want
    /// (<paramref name="local"/>): we send only if the peer receives, and receive only if it sends
    /// (RFC 3264 §6.1: sendonly is answered recvonly, recvonly sendonly, inactive inactive).
    /// </summary>
    public static SdpDirection Answer(SdpDirection remote, SdpDirection local) =>
        From(remote.CanReceive() && local.CanSend(), remote.CanSend() && local.CanReceive());

    public static string ToAttributeName(this SdpDirection direction) => direction switch
    {
        SdpDirection.SendOnly => "sendonly",
        SdpDirection.RecvOnly => "recvonly",
        SdpDirection.Inactive => "inactive",
        _ => "sendrecv",
    };

    public static bool TryParse(string attributeName, out SdpDirection direction)
    {
        switch (attributeName)
        {
            case "sendrecv":
                direction = SdpDirection.SendRecv;
                return true;
            case "sendonly":
                direction = SdpDirection.SendOnly;
                return true;
            case "recvonly":
                direction = SdpDirection.RecvOnly;
                return true;
            case "inactive":
                direction = SdpDirection.Inactive;
                return true;
            default:
                direction = default;
                return false;
        }
    }
}
