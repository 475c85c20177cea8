namespace Inbox.Sip.Messages;

/// <summary>Request methods known to the stack; an extension method is <see cref="Extension"/> and keeps its name.</summary>
internal enum SipMethod : byte
{
    Extension,
    Invite,
    Ack,
    Bye,
    Cancel,
    Register,
    Options,
    Info,
    Update,
    Prack,
    Subscribe,
    Notify,
    Refer,
    Message,
    Publish,
}
