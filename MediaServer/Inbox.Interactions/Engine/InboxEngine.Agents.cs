using Inbox.Interactions.Agents;
using Inbox.Interactions.Directory;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Interactions;

namespace Inbox.Interactions.Engine;

/// <summary>Signing in and out, presence, and the team list.</summary>
internal sealed partial class InboxEngine
{
    /// <summary>
    /// Signs an agent in with her API credential. A second sign-in takes over: the first session's token stops
    /// working and its event stream is told why.
    /// </summary>
    public async Task<AgentSession> SignInAsync(AgentSessions sessions, string agentId, string apiKey, CancellationToken cancellationToken)
    {
        var agent = _directory.Agent(agentId);

        // The same refusal whether the agent or the key is wrong, so ids cannot be probed.
        if (agent is null || !AgentSessions.Verify(agent, apiKey))
        {
            throw InboxException.Denied("Unknown agent or wrong API key.");
        }

        return await RunAsync(tx =>
        {
            var (session, replaced) = sessions.Start(agentId);
            if (replaced is not null)
            {
                _events.EndSession(agentId, "You signed in from another place; this session has ended.", SessionEndCause.SignedInElsewhere);
            }

            var status = StatusOf(tx, agentId);
            if (!status.SignedIn)
            {
                tx.Put(status with { SignedIn = true, Presence = AgentPresence.Unavailable, PauseReason = null, NotResponding = false, IdleSince = tx.Now });
            }

            return Task.FromResult(session);
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task SignOutAsync(AgentSessions sessions, AgentSession session, CancellationToken cancellationToken) =>
        SignOutAsync(sessions, session, SessionEndCause.SignedOut, "You signed out.", cancellationToken);

    /// <summary>
    /// A supervisor (or admin) signs <paramref name="agentId"/> out: her session ends as if she had signed out, and her
    /// event stream is told who did it. PERMISSION_DENIED for anyone else; FAILED_PRECONDITION when she is not signed in.
    /// </summary>
    public async Task SignOutAgentAsync(AgentSessions sessions, Agent supervisor, string agentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        RequireSupervisor(supervisor, "sign out");
        _ = _directory.Agent(agentId) ?? throw InboxException.NotFound($"No agent has id '{agentId}'.");

        // A sign-in between finding her session and ending it replaced the session: she is not signed out then.
        if (sessions.Current(agentId) is not { } session
            || !await SignOutAsync(sessions, session, SessionEndCause.SignedOutBySupervisor, $"{supervisor.Name} signed you out.", cancellationToken).ConfigureAwait(false))
        {
            throw InboxException.Precondition($"Agent '{agentId}' is not signed in (or just signed in again); nothing was done.");
        }

        InboxLog.SignedOutBySupervisor(_logger, agentId, supervisor.Id);
    }

    // True when this session was current and is now over.
    private async Task<bool> SignOutAsync(AgentSessions sessions, AgentSession session, SessionEndCause cause, string message, CancellationToken cancellationToken)
    {
        var signedOut = await RunAsync(tx =>
        {
            if (!sessions.IsCurrent(session))
            {
                return Task.FromResult(false);
            }

            tx.Put(StatusOf(tx, session.AgentId) with { SignedIn = false, Presence = AgentPresence.Unavailable, PauseReason = null, NotResponding = false });
            WithdrawOffers(tx, session.AgentId);
            return Task.FromResult(true);
        }, cancellationToken).ConfigureAwait(false);

        // The session ends only once the sign-out is stored. A sign-in in between has already replaced it, and then
        // End is false and the new session's stream is left alone.
        if (signedOut && sessions.End(session, cause))
        {
            _events.EndSession(session.AgentId, message, cause);
            return true;
        }

        return false;
    }

    /// <summary>
    /// Takes back what is offered to an agent who can no longer answer (to every agent when null): a routed offer goes
    /// back to pending, a campaign transfer on to another member, an agent transfer back to the transferring agent.
    /// She did not turn them down, so she is not passed over for them later.
    /// </summary>
    private void WithdrawOffers(InboxTransaction tx, string? agentId)
    {
        foreach (var interaction in OpenView(tx).ToList())
        {
            switch (interaction)
            {
                case { State: InteractionState.Offered, OfferedTo: { } offeredTo } when agentId is null || offeredTo == agentId:
                    tx.Put(interaction with { State = InteractionState.Pending, OfferedTo = null, OfferExpiresAt = null });
                    break;
                case { State: InteractionState.TransferPending, Transfer: { OfferedTo: { } target } transfer } when agentId is null || target == agentId:
                    tx.Put(transfer.TargetKind == TransferTargetKind.Agent
                        ? TransferReturned(interaction)
                        : interaction with { Transfer = transfer with { OfferedTo = null } });
                    break;
            }
        }
    }

    /// <summary>Sets what the agent chooses: available, unavailable, or paused with one of the configured reasons.</summary>
    public Task<AgentView> SetPresenceAsync(Agent caller, AgentPresence presence, string? pauseReason, CancellationToken cancellationToken) =>
        SetPresenceAsync(caller, caller.Id, presence, pauseReason, cancellationToken);

    /// <summary>
    /// Sets <paramref name="agentId"/>'s presence: the caller's own, or, for a supervisor or admin, another agent's
    /// (pausing one who walked away from her desk available). PERMISSION_DENIED for an agent naming someone else.
    /// </summary>
    public async Task<AgentView> SetPresenceAsync(Agent caller, string agentId, AgentPresence presence, string? pauseReason, CancellationToken cancellationToken)
    {
        var view = await RunAsync(tx =>
        {
            ArgumentNullException.ThrowIfNull(caller);
            if (agentId != caller.Id)
            {
                RequireSupervisor(caller, "set the presence of");
            }

            var agent = _directory.Agent(agentId) ?? throw InboxException.NotFound($"No agent has id '{agentId}'.");
            if (presence == AgentPresence.Paused)
            {
                if (string.IsNullOrWhiteSpace(pauseReason) || !_directory.PauseReasons.Contains(pauseReason))
                {
                    throw InboxException.Invalid($"A pause needs one of the configured reasons: {string.Join(", ", _directory.PauseReasons)}.");
                }
            }
            else if (pauseReason is { Length: > 0 })
            {
                throw InboxException.Invalid("A pause reason goes only with the Paused presence.");
            }

            var status = StatusOf(tx, agent.Id);
            if (!status.SignedIn)
            {
                throw InboxException.Precondition(agent.Id == caller.Id ? "Sign in before setting a presence." : $"Agent '{agent.Id}' is not signed in.");
            }

            // Choosing a presence again is also how an agent says she is back after missing an offer.
            var next = status with { Presence = presence, PauseReason = presence == AgentPresence.Paused ? pauseReason : null, NotResponding = false };
            tx.Put(next);
            return Task.FromResult(Views([agent.Id], tx, tx.Now)[agent.Id]);
        }, cancellationToken).ConfigureAwait(false);
        if (agentId != caller.Id)
        {
            InboxLog.PresenceSetBySupervisor(_logger, agentId, presence, caller.Id);
        }

        return view;
    }

    // Acting on another agent is for supervisors and admins, who see everybody.
    private static void RequireSupervisor(Agent caller, string action)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.SeesEverything)
        {
            throw InboxException.Denied($"Only supervisors and admins {action} another agent.");
        }
    }

    public async Task<AgentView> GetAgentAsync(Agent caller, CancellationToken cancellationToken) =>
        (await TeamViewAsync([caller], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>The agents the caller works with (everybody, for supervisors), with their live state.</summary>
    public Task<IReadOnlyList<AgentView>> ListTeamAsync(Agent caller, CancellationToken cancellationToken) =>
        TeamViewAsync([.. _directory.TeamOf(caller).OrderBy(a => a.Name, StringComparer.Ordinal)], cancellationToken);

    private async Task<IReadOnlyList<AgentView>> TeamViewAsync(IReadOnlyList<Agent> agents, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var views = Views(agents.Select(a => a.Id), null, _time.GetUtcNow());
            return [.. agents.Select(a => views[a.Id])];
        }
        finally
        {
            _gate.Release();
        }
    }
}
