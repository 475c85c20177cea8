using Inbox.Sip.Transport;

namespace Inbox.Sip.Transactions;

/// <summary>What every transaction of one layer shares: the transport, the clock and the timer values.</summary>
internal sealed record SipTransactionContext(ISipTransport Transport, TimeProvider TimeProvider, SipTimerOptions Timers);
