using System.Threading.Channels;
using Orleans.Streams;
using OrleansDirect.Streams;

namespace OrleansDirect.Tests;

/// <summary>
/// Records every event on one user's stream. Events from one conversation arrive in the order the conversation
/// published them, so "nothing of kind X before sentinel Y" proves that X was never sent, without waiting for a timeout.
/// </summary>
public sealed class EventRecorder : IAsyncDisposable
{
    private readonly Channel<UserEvent> _events = Channel.CreateUnbounded<UserEvent>();
    private StreamSubscriptionHandle<UserEvent>? _handle;
    private IAsyncStream<UserEvent> _stream = null!;

    public string UserId { get; private init; } = "";

    public static async Task<EventRecorder> StartAsync(IClusterClient client, string userId)
    {
        var recorder = new EventRecorder { UserId = userId };
        var stream = client.GetStreamProvider(StreamNames.Provider).GetStream<UserEvent>(StreamNames.ForUser(userId));
        recorder._stream = stream;
        recorder._handle = await stream.SubscribeAsync((evt, _) =>
        {
            recorder._events.Writer.TryWrite(evt);
            return Task.CompletedTask;
        });
        return recorder;
    }

    /// <summary>Waits for the first event matching <paramref name="match"/>; returns it and every event before it.</summary>
    public async Task<(T Match, List<UserEvent> Before)> WaitForAsync<T>(string what, Func<T, bool>? match = null)
        where T : UserEvent
    {
        List<UserEvent> before = [];
        while (true)
        {
            var evt = await Await.Signal(_events.Reader.ReadAsync().AsTask(), $"{UserId}: {what}");
            if (evt is T typed && (match is null || match(typed)))
            {
                return (typed, before);
            }

            before.Add(evt);
        }
    }

    /// <summary>
    /// Publishes a marker of our own on the user's stream and returns every event that arrived before it: everything
    /// published for this user before this call returned (one stream is one ordered queue).
    /// </summary>
    public async Task<List<UserEvent>> UntilSentinelAsync(string what)
    {
        var marker = "sentinel-" + Guid.NewGuid().ToString("N");
        await _stream.OnNextAsync(new ConversationRemoved(marker));
        return (await WaitForAsync<ConversationRemoved>($"{what} (sentinel)", e => e.ConversationId == marker)).Before;
    }

    public async ValueTask DisposeAsync()
    {
        if (_handle is not null)
        {
            await _handle.UnsubscribeAsync();
        }
    }
}
