using System.Text;
using Inbox.Sip.Parsing;

namespace Inbox.Sip.Messages;

internal sealed class SipResponse : SipMessage
{
    private string? _reasonPhrase;

    internal SipResponse(byte[] buffer, SipMessageIndex index)
        : base(buffer, index)
    {
    }

    public override bool IsRequest => false;

    public int StatusCode => Index.StatusCode;

    public string ReasonPhrase => _reasonPhrase ??= Encoding.UTF8.GetString(Slice(Index.ReasonPhrase));

    public bool IsProvisional => StatusCode < 200;

    public bool IsSuccess => StatusCode is >= 200 and < 300;
}
