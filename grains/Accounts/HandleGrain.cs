using OrleansDirect.Hosting;

namespace OrleansDirect.Accounts;

/// <summary>One activation per handle in the cluster, so two concurrent sign-ups cannot both win it.</summary>
public sealed class HandleGrain(
    [PersistentState("handle", StorageNames.Accounts)] IPersistentState<HandleState> state) : Grain, IHandleGrain
{
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
}
