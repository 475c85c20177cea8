namespace Inbox.Media.Dtmf;

/// <summary>One telephone-event payload produced by <see cref="DtmfSender"/>, for the caller to wrap in an RTP header.</summary>
/// <param name="Length">Payload bytes written (always 4).</param>
/// <param name="Marker">Set the RTP marker bit: the first packet of the event (RFC 4733 §2.5.1.2).</param>
/// <param name="Timestamp">RTP timestamp for the packet: the event's start, the same for all its packets.</param>
/// <param name="End">The E bit is set; the last of these ends the event.</param>
internal readonly record struct DtmfPacket(int Length, bool Marker, uint Timestamp, bool End);
