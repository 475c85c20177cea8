namespace Inbox.Media.Dtmf;

/// <summary>A completed DTMF key press, from RFC 4733 telephone events or a SIP INFO body.</summary>
/// <param name="Digit">'0'–'9', '*', '#' or 'A'–'D' (upper case).</param>
/// <param name="Duration">How long the key was held.</param>
/// <param name="Timestamp">RTP timestamp of the event (its start), in clock units; 0 for SIP INFO digits.</param>
internal readonly record struct DtmfDigit(char Digit, TimeSpan Duration, uint Timestamp);
