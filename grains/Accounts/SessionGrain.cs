using OrleansDirect.Hosting;

namespace OrleansDirect.Accounts;

/// <summary>A session, addressed by the hash of its token.</summary>
public sealed class SessionGrain(
    [PersistentState("session", StorageNames.Accounts)] IPersistentState<SessionState> state,
    TimeProvider clock) : Grain, ISessionGrain
{
    public async Task OpenAsync(string userId, string sessionId, DateTimeOffset expiresAt)
    {
        state.State = new SessionState { UserId = userId, SessionId = sessionId, ExpiresAt = expiresAt };
        await state.WriteOrDiscardAsync(DeactivateOnIdle);
    }

    public async Task<AuthenticatedSession?> GetAsync()
    {
        if (Current() is not { } session)
        {
            return null;
        }

        if (session.ExpiresAt > clock.GetUtcNow())
        {
            return session;
        }

        // Expired sessions are deleted on first sight rather than kept forever.
        await state.ClearStateAsync();
        DeactivateOnIdle();
        return null;
    }

    public async Task<AuthenticatedSession?> RevokeAsync()
    {
        var current = Current();
        if (current is not null)
        {
            await state.ClearStateAsync();
            DeactivateOnIdle();
        }

        return current;
    }

    private AuthenticatedSession? Current() =>
        state.State is { UserId: { } userId, SessionId: { } sessionId } s ? new AuthenticatedSession(userId, sessionId, s.ExpiresAt) : null;
}
