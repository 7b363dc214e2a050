using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using OrleansDirect.Accounts;
using OrleansDirect.Hosting;
using OrleansDirect.Streams;

namespace OrleansDirect.Users;

/// <summary>A user's account: handle, password hash and open sessions.</summary>
public sealed partial class UserGrain(
    [PersistentState("user", StorageNames.Accounts)] IPersistentState<UserState> state,
    IOptions<AccountOptions> options,
    TimeProvider clock,
    ILogger<UserGrain> logger) : Grain, IUserAccountGrain
{
    private bool Exists => state.State.Handle is not null;

    public async Task<bool> CreateAsync(string handle, string passwordHash)
    {
        if (Exists)
        {
            return false;
        }

        state.State = new UserState { Handle = handle, PasswordHash = passwordHash, CreatedAt = clock.GetUtcNow() };
        await state.WriteOrDiscardAsync(DeactivateOnIdle);
        return true;
    }

    public async Task DeleteAsync()
    {
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }

    public Task<UserProfileView?> GetProfileAsync() =>
        Task.FromResult(Exists ? new UserProfileView(this.GetPrimaryKeyString(), state.State.Handle!, state.State.CreatedAt) : null);

    public Task<string?> GetPasswordHashAsync() => Task.FromResult(state.State.PasswordHash);

    public async Task AddSessionAsync(string sessionKey, string sessionId, DateTimeOffset expiresAt)
    {
        var now = clock.GetUtcNow();
        var sessions = state.State.Sessions;
        sessions.Add(new UserSessionRef(sessionKey, sessionId, expiresAt));

        // Expired sessions and the oldest beyond the limit leave the list; their session grains are revoked first, so
        // a session that failed to revoke is still listed (and retried next time) rather than forgotten while valid.
        var expired = sessions.Where(s => s.ExpiresAt <= now).ToList();
        var live = sessions.Except(expired).ToList();
        var leaving = expired.Concat(live.Take(Math.Max(0, live.Count - options.Value.MaxSessionsPerUser))).ToList();
        foreach (var old in leaving)
        {
            try
            {
                await GrainFactory.GetGrain<ISessionGrain>(old.SessionKey).RevokeAsync();
                sessions.Remove(old);
                if (old.ExpiresAt > now)
                {
                    await AnnounceRevokedAsync(old.SessionId);
                }
            }
            catch (Exception ex)
            {
                LogRevokeFailed(logger, ex, this.GetPrimaryKeyString(), old.SessionId);
            }
        }

        await state.WriteOrDiscardAsync(DeactivateOnIdle);
    }

    public async Task RemoveSessionAsync(string sessionKey, string sessionId)
    {
        if (state.State.Sessions.RemoveAll(s => s.SessionKey == sessionKey) > 0)
        {
            await state.WriteOrDiscardAsync(DeactivateOnIdle);
        }

        await AnnounceRevokedAsync(sessionId);
    }

    private async Task AnnounceRevokedAsync(string sessionId)
    {
        LogSessionRevoked(logger, this.GetPrimaryKeyString(), sessionId);
        try
        {
            var stream = this.GetStreamProvider(StreamNames.Provider).GetStream<UserEvent>(StreamNames.ForUser(this.GetPrimaryKeyString()));
            await stream.OnNextAsync(new SessionRevoked(sessionId));
        }
        catch (Exception ex)
        {
            // The session is already gone from storage, so no new connection or HTTP call can use it; a socket
            // that misses this notification stays open until it next disconnects.
            LogAnnounceFailed(logger, ex, this.GetPrimaryKeyString());
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Session {SessionId} of user {UserId} revoked")]
    private static partial void LogSessionRevoked(ILogger logger, string userId, string sessionId);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Could not revoke session {SessionId} of user {UserId}; will retry at the next sign-in")]
    private static partial void LogRevokeFailed(ILogger logger, Exception exception, string userId, string sessionId);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Could not announce a revoked session to user {UserId}")]
    private static partial void LogAnnounceFailed(ILogger logger, Exception exception, string userId);
}
