using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using OrleansDirect.Hosting;
using OrleansDirect.Users;
using OrleansDirect.Validation;

namespace OrleansDirect.Accounts;

/// <summary>
/// Sign-up, sign-in and session checks. A stateless worker so that password hashing (deliberately slow) scales out
/// across silos; the hashing itself runs on the thread pool so it never holds an Orleans scheduler thread.
/// </summary>
[StatelessWorker]
public sealed partial class AccountGrain(
    IOptions<AccountOptions> options,
    TimeProvider clock,
    ILogger<AccountGrain> logger) : Grain, IAccountGrain
{
    // Verified against when the handle is unknown, with the configured cost, so a wrong handle takes as long as a
    // wrong password. (A handle whose failed sign-ins are used up answers RateLimited at once, which does show that it
    // is held; handles are public anyway: sign-up says handle_taken and signed-in users can look them up.)
    private string? _decoyHash;

    public async Task<SignUpResult> SignUpAsync(SignUpDraft draft)
    {
        var handle = HandleRules.Normalize(draft.Handle);
        if (handle is null)
        {
            return new SignUpResult(SignUpStatus.InvalidHandle, null);
        }

        if (!PasswordRules.IsAcceptable(draft.Password))
        {
            return new SignUpResult(SignUpStatus.InvalidPassword, null);
        }

        var handleGrain = GrainFactory.GetGrain<IHandleGrain>(handle);
        if (await handleGrain.GetOwnerAsync() is not null)
        {
            return new SignUpResult(SignUpStatus.HandleTaken, null);
        }

        var iterations = options.Value.PasswordHashIterations;
        var hash = await Task.Run(() => PasswordHasher.Hash(draft.Password, iterations));
        var userId = "u_" + Guid.NewGuid().ToString("N");
        var user = GrainFactory.GetGrain<IUserAccountGrain>(userId);

        // The account exists before the handle points at it: a crash in between leaves an unreachable account,
        // never a handle that points at nothing.
        await user.CreateAsync(handle, hash);
        if (!await handleGrain.ClaimAsync(userId))
        {
            await user.DeleteAsync();
            return new SignUpResult(SignUpStatus.HandleTaken, null);
        }

        LogSignedUp(logger, userId);
        return new SignUpResult(SignUpStatus.Created, await user.GetProfileAsync());
    }

    public async Task<SignInResult> SignInAsync(SignInDraft draft)
    {
        var handle = HandleRules.Normalize(draft.Handle);
        var handleGrain = handle is null ? null : GrainFactory.GetGrain<IHandleGrain>(handle);
        var attempt = handleGrain is null ? null : await handleGrain.StartSignInAsync();
        if (attempt?.RetryAfter is { } wait)
        {
            return new SignInResult(SignInStatus.RateLimited, null, wait);
        }

        var userId = attempt?.OwnerUserId;
        var user = userId is null ? null : GrainFactory.GetGrain<IUserAccountGrain>(userId);
        bool matches;
        try
        {
            matches = await CheckPasswordAsync(user, draft.Password);
        }
        catch when (handleGrain is not null && userId is not null)
        {
            // A storage or cluster failure is not a guess: the attempt is given back.
            await handleGrain.ReturnSignInAttemptAsync();
            throw;
        }

        if (!matches || user is null || userId is null)
        {
            return new SignInResult(SignInStatus.InvalidCredentials, null);
        }

        // Only failures count against the handle's allowance.
        await handleGrain!.ReturnSignInAttemptAsync();

        var token = SessionTokens.NewToken();
        var sessionKey = SessionTokens.KeyOf(token)!;
        var sessionId = SessionTokens.NewSessionId();
        var expiresAt = clock.GetUtcNow() + options.Value.SessionLifetime;
        await GrainFactory.GetGrain<ISessionGrain>(sessionKey).OpenAsync(userId, sessionId, expiresAt);
        await user.AddSessionAsync(sessionKey, sessionId, expiresAt);
        LogSignedIn(logger, userId, sessionId);
        return new SignInResult(SignInStatus.SignedIn, new IssuedSession(token, sessionId, (await user.GetProfileAsync())!, expiresAt));
    }

    /// <summary>
    /// True when <paramref name="password"/> is the user's. Without a user it checks against the decoy hash, so an
    /// unknown handle costs the same work as a wrong password.
    /// </summary>
    private async Task<bool> CheckPasswordAsync(IUserAccountGrain? user, string password)
    {
        var storedHash = user is null ? null : await user.GetPasswordHashAsync();
        // Over-long passwords are checked as empty (and so fail) rather than fed to the KDF at full length.
        var candidate = password is { Length: <= PasswordRules.MaxLength } ? password : string.Empty;
        var iterations = options.Value.PasswordHashIterations;
        var against = storedHash ?? (_decoyHash ??= await Task.Run(() => PasswordHasher.Hash("decoy-password-for-timing", iterations)));
        var matches = await Task.Run(() => PasswordHasher.Verify(candidate, against));
        return matches && storedHash is not null;
    }

    public async Task<AuthenticatedSession?> AuthenticateAsync(string token) =>
        SessionTokens.KeyOf(token) is { } key ? await GrainFactory.GetGrain<ISessionGrain>(key).GetAsync() : null;

    public async Task SignOutAsync(string token)
    {
        if (SessionTokens.KeyOf(token) is not { } key)
        {
            return;
        }

        if (await GrainFactory.GetGrain<ISessionGrain>(key).RevokeAsync() is { } revoked)
        {
            await GrainFactory.GetGrain<IUserAccountGrain>(revoked.UserId).RemoveSessionAsync(key, revoked.SessionId);
        }
    }

    public async Task<UserProfileView?> FindByHandleAsync(string handle)
    {
        var canonical = HandleRules.Normalize(handle);
        var userId = canonical is null ? null : await GrainFactory.GetGrain<IHandleGrain>(canonical).GetOwnerAsync();
        return userId is null ? null : await GrainFactory.GetGrain<IUserAccountGrain>(userId).GetProfileAsync();
    }

    public Task<UserProfileView?> FindByUserIdAsync(string userId) =>
        GrainFactory.GetGrain<IUserAccountGrain>(userId).GetProfileAsync();

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Account {UserId} created")]
    private static partial void LogSignedUp(ILogger logger, string userId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "User {UserId} signed in, session {SessionId}")]
    private static partial void LogSignedIn(ILogger logger, string userId, string sessionId);
}
