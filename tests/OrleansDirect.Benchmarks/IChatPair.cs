namespace OrleansDirect.Benchmarks;

/// <summary>A sender and a recipient connected to a system under test.</summary>
public interface IChatPair : IAsyncDisposable
{
    /// <summary>Sends one message with this id from the sender.</summary>
    Task SendAsync(string messageId);

    /// <summary>Completes when the recipient's socket received the message with this id.</summary>
    Task<long> ReceivedAtAsync(string messageId);
}
