using System.Collections.Concurrent;
using System.Security.Cryptography;
using Inbox.Interactions.Directory;

namespace Inbox.Interactions.Agents;

/// <summary>
/// Live API sessions, one per agent: signing in again replaces the previous session, whose token stops working.
/// Tokens are random and kept in memory only, so a restart asks everyone to sign in again.
/// </summary>
internal sealed class AgentSessions(TimeProvider time)
{
    /// <summary>Ended tokens remembered so a caller can be told why hers stopped working; the oldest are forgotten first.</summary>
    private const int EndedCapacity = 4096;

    private readonly ConcurrentDictionary<string, AgentSession> _byToken = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AgentSession> _byAgent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SessionEndCause> _ended = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _endedOrder = new();

    /// <summary>Whether the key is the agent's API credential (hashed, or plain in demo configurations).</summary>
    public static bool Verify(Agent agent, string apiKey)
    {
        if (agent.ApiKeyHash is not null)
        {
            return ApiKeyHash.Verify(apiKey, agent.ApiKeyHash);
        }

        return agent.ApiKey is not null && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(apiKey), System.Text.Encoding.UTF8.GetBytes(agent.ApiKey));
    }

    /// <summary>Starts a session; returns it and the one it replaced, if any.</summary>
    public (AgentSession Session, AgentSession? Replaced) Start(string agentId)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var session = new AgentSession(Base64Url(RandomNumberGenerator.GetBytes(9)), agentId, token, time.GetUtcNow());
        _byToken[token] = session;
        AgentSession? replaced = null;
        _byAgent.AddOrUpdate(agentId, session, (_, previous) =>
        {
            replaced = previous;
            return session;
        });
        if (replaced is not null)
        {
            _byToken.TryRemove(replaced.Token, out _);
            RememberEnded(replaced.Token, SessionEndCause.SignedInElsewhere);
        }

        return (session, replaced);
    }

    public AgentSession? Resolve(string token) => _byToken.GetValueOrDefault(token);

    /// <summary>The agent's session, while she is signed in.</summary>
    public AgentSession? Current(string agentId) => _byAgent.GetValueOrDefault(agentId);

    public bool End(AgentSession session, SessionEndCause cause = SessionEndCause.SignedOut)
    {
        if (_byToken.TryRemove(session.Token, out _))
        {
            RememberEnded(session.Token, cause);
        }

        return _byAgent.TryRemove(new KeyValuePair<string, AgentSession>(session.AgentId, session));
    }

    /// <summary>Why a token that no longer resolves stopped working, while it is among the recently ended; null otherwise.</summary>
    public SessionEndCause? EndedBecause(string token) => _ended.TryGetValue(token, out var cause) ? cause : null;

    public bool IsCurrent(AgentSession session) => _byAgent.TryGetValue(session.AgentId, out var current) && current == session;

    private void RememberEnded(string token, SessionEndCause cause)
    {
        _ended[token] = cause;
        _endedOrder.Enqueue(token);
        while (_endedOrder.Count > EndedCapacity && _endedOrder.TryDequeue(out var oldest))
        {
            _ended.TryRemove(oldest, out _);
        }
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
