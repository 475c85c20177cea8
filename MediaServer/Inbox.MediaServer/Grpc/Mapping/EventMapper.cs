using Inbox.Interactions.Engine;
using Inbox.Interactions.Events;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Grpc.Mapping;

/// <summary>Domain events into the stream's <see cref="V1.Event"/> oneof.</summary>
internal static class EventMapper
{
    /// <param name="sequence">The sequence to send: the event's own, or for unlogged events the last logged one.</param>
    /// <param name="resetReason">How to explain a <see cref="StreamReset"/>; the hub words it but does not classify it.</param>
    public static V1.Event ToProto(this SequencedEvent item, ulong sequence, string epoch, InboxEngine engine, V1.StreamResetReason resetReason)
    {
        var proto = new V1.Event { Sequence = sequence, Epoch = epoch, At = item.At.ToProto() };
        switch (item.Payload)
        {
            case InteractionChanged changed:
                proto.InteractionChanged = new V1.InteractionChanged { Interaction = changed.Interaction.ToProto(engine.FormUrlOf(changed.Interaction)) };
                break;
            case MessageChanged changed:
                proto.MessageChanged = new V1.MessageChanged { Message = changed.Message.ToProto(), IsNew = changed.IsNew };
                break;
            case AgentChanged changed:
                proto.AgentChanged = new V1.AgentChanged { Agent = changed.Agent.ToProto() };
                break;
            case ChatMessageAdded added:
                proto.ChatMessageAdded = new V1.ChatMessageAdded { Chat = added.Chat.ToProto(), Message = added.Message.ToProto() };
                break;
            case CallChanged changed:
                proto.CallChanged = new V1.CallChanged
                {
                    Call = changed.Call.ToProto(),
                    Change = changed.Change.ToProto(),
                    SipStatus = changed.SipStatus,
                    Detail = changed.Detail ?? string.Empty,
                };
                break;
            case AgentCallChanged changed:
                proto.AgentCallChanged = new V1.AgentCallChanged { Call = changed.Call.ToProto(), SipStatus = changed.SipStatus, Detail = changed.Detail ?? string.Empty };
                break;
            case MonitorChanged monitor:
                proto.MonitorChanged = new V1.MonitorChanged { InteractionId = monitor.InteractionId, State = monitor.State.ToProto(), Detail = monitor.Detail ?? string.Empty };
                break;
            case DtmfReceived dtmf:
                proto.DtmfReceived = new V1.DtmfReceived { InteractionId = dtmf.InteractionId, Digit = dtmf.Digit.ToString(), DurationMs = dtmf.DurationMs };
                break;
            case CustomerTyping typing:
                proto.CustomerTyping = new V1.CustomerTyping { InteractionId = typing.InteractionId };
                break;
            case SessionEnded ended:
                proto.SessionEnded = new V1.SessionEnded { Reason = ended.Cause.ToProto(), Detail = ended.Reason };
                break;
            case StreamReset reset:
                proto.StreamReset = new V1.StreamReset { Reason = resetReason, Detail = reset.Reason };
                break;
        }

        return proto;
    }
}
