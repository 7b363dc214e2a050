using System.Collections.Concurrent;
using System.Collections.Immutable;
using Orleans.Streams;
using OrleansDirect.Streams;

namespace OrleansDirect.Gateway.WebSockets;

/// <summary>
/// One stream subscription per connected user on this gateway, shared by all of that user's connections. The first
/// connection subscribes, the last one to close unsubscribes (a subscription left behind makes the silo wait on a
/// consumer that is gone). Only <c>user/&lt;authenticated id&gt;</c> is ever subscribed.
/// </summary>
public sealed partial class UserStreamHub(IClusterClient cluster, ILogger<UserStreamHub> logger) : IHostedService
{
    private static readonly TimeSpan ResubscribeWindow = TimeSpan.FromSeconds(45);
    private readonly ConcurrentDictionary<string, Feed> _feeds = new(StringComparer.Ordinal);

    /// <summary>Raised with the user id after the last connection of a user closed and the stream was unsubscribed.</summary>
    public event Action<string>? Unsubscribed;

    public async Task AttachAsync(string userId, IUserEventSink sink)
    {
        while (true)
        {
            var feed = _feeds.GetOrAdd(userId, static id => new Feed(id));
            await feed.Gate.WaitAsync();
            try
            {
                if (feed.Retired)
                {
                    continue;
                }

                feed.Sinks = feed.Sinks.Add(sink);
                feed.Handle ??= await SubscribeAsync(feed);
                return;
            }
            catch
            {
                // A feed without sinks and without a subscription must not linger (it would be re-subscribed later
                // with nobody to detach it).
                feed.Sinks = feed.Sinks.Remove(sink);
                if (feed.Sinks.IsEmpty && feed.Handle is null)
                {
                    feed.Retired = true;
                    _feeds.TryRemove(new KeyValuePair<string, Feed>(feed.UserId, feed));
                }

                throw;
            }
            finally
            {
                feed.Gate.Release();
            }
        }
    }

    public async Task DetachAsync(string userId, IUserEventSink sink)
    {
        if (!_feeds.TryGetValue(userId, out var feed))
        {
            return;
        }

        await feed.Gate.WaitAsync();
        try
        {
            feed.Sinks = feed.Sinks.Remove(sink);
            if (feed.Sinks.IsEmpty && !feed.Retired)
            {
                feed.Retired = true;
                _feeds.TryRemove(new KeyValuePair<string, Feed>(userId, feed));
                await UnsubscribeAsync(feed);
                Unsubscribed?.Invoke(userId);
            }
        }
        finally
        {
            feed.Gate.Release();
        }
    }

    /// <summary>
    /// After the gateway regains the cluster, subscriptions may be gone (silos forget consumers they could not
    /// reach), so every feed subscribes afresh and its connections are told to resync.
    /// </summary>
    public async Task ResubscribeAllAsync()
    {
        foreach (var feed in _feeds.Values)
        {
            await feed.Gate.WaitAsync();
            try
            {
                if (feed.Retired || feed.Sinks.IsEmpty)
                {
                    continue;
                }

                await UnsubscribeAsync(feed);
                feed.Handle = await SubscribeWithRetriesAsync(feed);
                foreach (var sink in feed.Sinks)
                {
                    sink.RequestResync();
                }
            }
            catch (Exception ex)
            {
                // Without a subscription these sockets would stay open and silent: close them instead, so the
                // clients reconnect (subscribing afresh) and catch up with sync.
                LogResubscribeFailed(logger, ex, feed.UserId);
                foreach (var sink in feed.Sinks)
                {
                    sink.RequestReconnect();
                }
            }
            finally
            {
                feed.Gate.Release();
            }
        }
    }

    /// <summary>
    /// While a dead silo is not yet declared dead, the subscription may be routed to it and fail; retrying for up to
    /// <see cref="ResubscribeWindow"/> rides out a failover.
    /// </summary>
    private async Task<StreamSubscriptionHandle<UserEvent>> SubscribeWithRetriesAsync(Feed feed)
    {
        var deadline = DateTimeOffset.UtcNow + ResubscribeWindow;
        while (true)
        {
            try
            {
                return await SubscribeAsync(feed);
            }
            catch (Exception ex) when (DateTimeOffset.UtcNow < deadline)
            {
                LogResubscribeRetry(logger, ex, feed.UserId);
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var feed in _feeds.Values)
        {
            await UnsubscribeAsync(feed);
        }
    }

    private Task<StreamSubscriptionHandle<UserEvent>> SubscribeAsync(Feed feed)
    {
        var stream = cluster.GetStreamProvider(StreamNames.Provider).GetStream<UserEvent>(StreamNames.ForUser(feed.UserId));
        return stream.SubscribeAsync((evt, _) =>
        {
            foreach (var sink in feed.Sinks)
            {
                sink.Deliver(evt);
            }

            return Task.CompletedTask;
        });
    }

    private async Task UnsubscribeAsync(Feed feed)
    {
        if (feed.Handle is not { } handle)
        {
            return;
        }

        feed.Handle = null;
        try
        {
            await handle.UnsubscribeAsync();
        }
        catch (Exception ex)
        {
            LogUnsubscribeFailed(logger, ex, feed.UserId);
        }
    }

    private sealed class Feed(string userId)
    {
        public string UserId { get; } = userId;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public ImmutableArray<IUserEventSink> Sinks { get; set; } = [];

        public StreamSubscriptionHandle<UserEvent>? Handle { get; set; }

        public bool Retired { get; set; }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Unsubscribing the stream of user {UserId} failed")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception, string userId);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information, Message = "Re-subscribing the stream of user {UserId} failed; retrying")]
    private static partial void LogResubscribeRetry(ILogger logger, Exception exception, string userId);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Error, Message = "Re-subscribing the stream of user {UserId} failed")]
    private static partial void LogResubscribeFailed(ILogger logger, Exception exception, string userId);
}
