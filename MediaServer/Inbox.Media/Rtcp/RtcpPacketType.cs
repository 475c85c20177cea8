namespace Inbox.Media.Rtcp;

/// <summary>RTCP packet types (RFC 3550 §12.1, RFC 3611 §2), the second octet of every RTCP packet.</summary>
internal enum RtcpPacketType
{
    /// <summary>Sender report (RFC 3550 §6.4.1).</summary>
    SenderReport = 200,

    /// <summary>Receiver report (RFC 3550 §6.4.2).</summary>
    ReceiverReport = 201,

    /// <summary>Source description (RFC 3550 §6.5).</summary>
    SourceDescription = 202,

    /// <summary>Goodbye (RFC 3550 §6.6).</summary>
    Goodbye = 203,

    /// <summary>Application-defined (RFC 3550 §6.7).</summary>
    ApplicationDefined = 204,

    /// <summary>Extended report (RFC 3611).</summary>
    ExtendedReport = 207,
}
