namespace OrleansDirect.Hosting;

/// <summary>
/// Grains change state in memory and then write it. If the write fails, the change must not outlive the call:
/// the activation is discarded, so the next call reads the last stored state (e.g. a handle whose claim was never
/// stored must not look taken).
/// </summary>
internal static class StateWrites
{
    public static async Task WriteOrDiscardAsync<TState>(this IPersistentState<TState> state, Action deactivate)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            deactivate();
            throw;
        }
    }
}
