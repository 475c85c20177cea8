namespace Inbox.Sip.Parsing;

internal enum SipParseStatus : byte
{
    /// <summary>A complete message was indexed.</summary>
    Ok,

    /// <summary>A stream holds only part of a message; read more and try again.</summary>
    Incomplete,

    /// <summary>The bytes are SIP but break the grammar; a request gets 400 naming the problem.</summary>
    Invalid,

    /// <summary>The SIP version is not 2.0; a request gets 505.</summary>
    UnsupportedVersion,

    /// <summary>The bytes are not SIP at all; they are dropped and counted.</summary>
    NotSip,
}
