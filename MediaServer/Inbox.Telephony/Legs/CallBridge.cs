using Inbox.Media.Bridging;
using Inbox.Media.Sessions;

namespace Inbox.Telephony.Legs;

/// <summary>
/// What flows between a customer's leg and an agent's once both are answered. Each direction is relayed when the legs
/// share a codec (no decoding) or transcoded on the media clock; either way the packet path only reads the session
/// targets swapped here. Each session keeps one <see cref="LegFront"/> for the whole bridge, so what taps a leg (DTMF,
/// recording) survives hold, mute and resume. Touched only on the call's executor.
/// </summary>
internal sealed class CallBridge
{
    private readonly IRtpPacketHandler _toAgent;
    private readonly IRtpPacketHandler _toCustomer;

    /// <param name="toAgent">What the customer's packets go through to reach the agent: a relay, or the decoder the agent's leg plays from.</param>
    /// <param name="toCustomer">The same the other way.</param>
    public CallBridge(MediaLeg customer, MediaLeg agent, IRtpPacketHandler toAgent, IRtpPacketHandler toCustomer)
    {
        Customer = customer;
        Agent = agent;
        _toAgent = toAgent;
        _toCustomer = toCustomer;
        customer.Session.SetHandler(CustomerFront);
        agent.Session.SetHandler(AgentFront);
    }

    public MediaLeg Customer { get; }

    public MediaLeg Agent { get; }

    /// <summary>What the customer's packets go through: taps, then the way to the agent.</summary>
    public LegFront CustomerFront { get; } = new();

    /// <summary>What the agent's packets go through: taps, then the way to the customer.</summary>
    public LegFront AgentFront { get; } = new();

    /// <summary>The two talk; when <paramref name="muted"/>, the customer hears silence instead of the agent.</summary>
    public void Connect(bool muted)
    {
        CustomerFront.Target = _toAgent;
        Route(Agent);
        if (muted)
        {
            AgentFront.Target = null;
            Customer.PlaySilence();
        }
        else
        {
            AgentFront.Target = _toCustomer;
            Route(Customer);
        }
    }

    /// <summary>Neither hears the other: the customer hears hold music, the agent's phone nothing.</summary>
    public void Hold()
    {
        CustomerFront.Target = null;
        AgentFront.Target = null;
        Agent.StopPlayback();
        Customer.PlayHoldMusic();
    }

    // A transcoded leg plays the other's decoded audio on the clock; a relayed one sends only what the relay forwards.
    private static void Route(MediaLeg target)
    {
        if (!target.PlayBridged())
        {
            target.StopPlayback();
        }
    }
}
