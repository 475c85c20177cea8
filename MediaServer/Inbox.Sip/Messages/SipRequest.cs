using System.Text;
using Inbox.Sip.Parsing;

namespace Inbox.Sip.Messages;

internal sealed class SipRequest : SipMessage
{
    private string? _methodName;
    private string? _requestUriText;
    private SipUri? _requestUri;

    internal SipRequest(byte[] buffer, SipMessageIndex index)
        : base(buffer, index)
    {
    }

    public override bool IsRequest => true;

    public SipMethod Method => Index.Method;

    public string MethodName => _methodName ??= Index.Method == SipMethod.Extension
        ? Encoding.ASCII.GetString(Slice(Index.MethodName))
        : SipMethods.ToName(Index.Method);

    public string RequestUriText => _requestUriText ??= Encoding.UTF8.GetString(Slice(Index.RequestUri));

    public SipUri RequestUri => _requestUri ??= SipUri.TryParse(RequestUriText, out var uri)
        ? uri
        : throw new SipFormatException("Malformed Request-URI");
}
