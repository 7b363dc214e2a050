namespace OrleansDirect.Tests;

/// <summary>Waiting on signals with a timeout whose failure names what was awaited.</summary>
public static class Await
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static async Task<T> Signal<T>(Task<T> task, string what, TimeSpan? timeout = null)
    {
        try
        {
            return await task.WaitAsync(timeout ?? Timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out after {(timeout ?? Timeout).TotalSeconds:0.#} s waiting for {what}.");
        }
    }

    public static async Task Signal(Task task, string what, TimeSpan? timeout = null)
    {
        try
        {
            await task.WaitAsync(timeout ?? Timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out after {(timeout ?? Timeout).TotalSeconds:0.#} s waiting for {what}.");
        }
    }
}
