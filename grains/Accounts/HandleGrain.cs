using Microsoft.Extensions.Options;
using OrleansDirect.Hosting;
using OrleansDirect.Social;

namespace OrleansDirect.Accounts;

/// <summary>
/// One activation per handle in the cluster, so two concurrent sign-ups cannot both win it, and every sign-in with the
/// handle, through any gateway, draws on one failed-sign-in allowance.
/// </summary>
public sealed class HandleGrain(
    [PersistentState("handle", StorageNames.Accounts)] IPersistentState<HandleState> state,
    IOptions<AccountOptions> options,
    TimeProvider clock) : Grain, IHandleGrain
{
    // The allowance lives in this activation's memory. While it is below full the activation is kept alive (it would
    // otherwise be collected when idle and forget the failures); a silo restart forgets it.
    private TokenBucket? _signIns;

    public async Task<bool> ClaimAsync(string userId)
    {
        if (state.State.OwnerUserId is null)
        {
            state.State.OwnerUserId = userId;
            await state.WriteOrDiscardAsync(DeactivateOnIdle);
        }

        return state.State.OwnerUserId == userId;
    }

    public Task<string?> GetOwnerAsync() => Task.FromResult(state.State.OwnerUserId);

    public Task<StartSignInResult> StartSignInAsync()
    {
        if (state.State.OwnerUserId is not { } owner)
        {
            return Task.FromResult(new StartSignInResult(null, null));
        }

        var now = clock.GetUtcNow();
        var perHour = options.Value.SignInFailuresPerHour;
        _signIns ??= new TokenBucket(perHour, perHour / 3600.0, now);
        var wait = _signIns.WaitFor(now);
        if (wait > TimeSpan.Zero)
        {
            return Task.FromResult(new StartSignInResult(owner, wait));
        }

        // Taken before the password is checked, so concurrent guesses cannot all get past a nearly empty allowance.
        _signIns.Take(now);
        DelayDeactivation(_signIns.TimeUntilFull(now));
        return Task.FromResult(new StartSignInResult(owner, null));
    }

    public Task ReturnSignInAttemptAsync()
    {
        if (_signIns is not null)
        {
            var now = clock.GetUtcNow();
            _signIns.Return(now);
            // Zero when full again: the activation goes back to ordinary idle collection.
            DelayDeactivation(_signIns.TimeUntilFull(now));
        }

        return Task.CompletedTask;
    }
}
