using System.Collections.Concurrent;
using System.Diagnostics;
using Orleans.Streams;
using OrleansDirect.Accounts;
using OrleansDirect.Conversations;
using OrleansDirect.Social;
using OrleansDirect.Streams;

namespace OrleansDirect.Tests;

/// <summary>What one load run does.</summary>
/// <param name="Users">Simulated users; those not in a group talk in 1:1 pairs.</param>
/// <param name="Groups">Groups of <paramref name="GroupSize"/> members each (taken from the first users).</param>
/// <param name="GroupSize">Members per group (31 is the default group limit).</param>
/// <param name="MessagesPerSender">Messages each sender sends (every pair member; three members of each group).</param>
/// <param name="MaxDuration">Stop sending after this long, whatever is left.</param>
/// <param name="Concurrency">Sends in flight at once.</param>
public sealed record ClusterLoadSettings(int Users, int Groups, int GroupSize, int MessagesPerSender, TimeSpan MaxDuration, int Concurrency = 32);

/// <summary>The outcome of a load run (serialised as JSON by the benchmark program).</summary>
public sealed record ClusterLoadReport(
    int Silos, int Users, int Pairs, int Groups, int GroupSize, long MessagesAccepted, double Seconds, double AcceptedPerSecond,
    long Deliveries, double DeliveriesPerSecond, double LatencyP50Ms, double LatencyP95Ms, double LatencyP99Ms, double LatencyMaxMs,
    long Lost, long Duplicated, long PeakWorkingSetBytes);

/// <summary>
/// Drives an Orleans cluster (a TestingHost cluster, or any client) with simulated users through the real grains:
/// 1:1 pairs and groups, every message sent with a unique client message id, every delivery counted on each recipient's
/// own stream. Lost = expected deliveries never seen; duplicated = a delivery seen twice.
/// </summary>
public static class ClusterLoad
{
    public static async Task<ClusterLoadReport> RunAsync(IClusterClient client, int silos, ClusterLoadSettings settings)
    {
        var users = await CreateUsersAsync(client, settings.Users);
        var groupUsers = Math.Min(settings.Groups * settings.GroupSize, users.Count);
        var pairs = (users.Count - groupUsers) / 2;

        // Each delivery is keyed by recipient, sender and client message id; the value counts how often it arrived.
        var deliveries = new ConcurrentDictionary<(string Recipient, string Sender, string ClientMessageId), int>();
        var latencies = new ConcurrentBag<double>();
        var sentAt = new ConcurrentDictionary<(string Sender, string ClientMessageId), long>();
        var allArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long unique = 0, target = long.MaxValue;
        List<StreamSubscriptionHandle<UserEvent>> handles = [];
        foreach (var user in users)
        {
            var stream = client.GetStreamProvider(StreamNames.Provider).GetStream<UserEvent>(StreamNames.ForUser(user));
            handles.Add(await stream.SubscribeAsync((evt, _) =>
            {
                if (evt is MessagePosted { Message: { Event: null } m } && m.SenderId != user)
                {
                    var count = deliveries.AddOrUpdate((user, m.SenderId, m.ClientMessageId), 1, (_, c) => c + 1);
                    if (count == 1)
                    {
                        if (sentAt.TryGetValue((m.SenderId, m.ClientMessageId), out var start))
                        {
                            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                        }

                        if (Interlocked.Increment(ref unique) >= Volatile.Read(ref target))
                        {
                            allArrived.TrySetResult();
                        }
                    }
                }

                return Task.CompletedTask;
            }));
        }

        // Conversations: groups first, then 1:1 pairs whose members follow each other (full messaging, no requests).
        List<(IConversationGrain Conversation, string[] Members, string[] Senders)> conversations = [];
        for (var g = 0; g < settings.Groups && (g + 1) * settings.GroupSize <= users.Count; g++)
        {
            var members = users.Skip(g * settings.GroupSize).Take(settings.GroupSize).ToArray();
            var group = client.GetGrain<IConversationGrain>(ConversationIds.NewGroup());
            await group.CreateGroupAsync(members[0], $"load {g}", members[1..]);
            conversations.Add((group, members, [members[0], members[members.Length / 2], members[^1]]));
        }

        for (var p = 0; p < pairs; p++)
        {
            var (a, b) = (users[groupUsers + 2 * p], users[groupUsers + 2 * p + 1]);
            await client.GetGrain<ISocialGrain>(a).FollowAsync(a, b);
            await client.GetGrain<ISocialGrain>(b).FollowAsync(b, a);
            var direct = client.GetGrain<IConversationGrain>(ConversationIds.Direct(a, b));
            await direct.StartDirectAsync(a, b);
            conversations.Add((direct, [a, b], [a, b]));
        }

        // Send: every sender's messages in order, many senders at once.
        var work = conversations.SelectMany(c => c.Senders.Select(s => (c.Conversation, c.Members, Sender: s))).ToList();
        long accepted = 0, expected = 0;
        var clock = Stopwatch.StartNew();
        using var throttle = new SemaphoreSlim(settings.Concurrency);
        await Task.WhenAll(work.Select(async w =>
        {
            for (var i = 0; i < settings.MessagesPerSender && clock.Elapsed < settings.MaxDuration; i++)
            {
                var id = $"load-{i}-{Guid.NewGuid():N}";
                await throttle.WaitAsync();
                try
                {
                    sentAt[(w.Sender, id)] = Stopwatch.GetTimestamp();
                    var result = await w.Conversation.PostAsync(w.Sender, new MessageDraft(id, $"load message {i}"));
                    if (result.Status == ConversationStatus.Ok)
                    {
                        Interlocked.Increment(ref accepted);
                        Interlocked.Add(ref expected, w.Members.Length - 1);
                    }
                }
                finally
                {
                    throttle.Release();
                }
            }
        }));
        var sendSeconds = clock.Elapsed.TotalSeconds;

        // Wait for the last deliveries (signalled by the subscriptions); what has not arrived after 15 s is lost.
        Volatile.Write(ref target, expected);
        if (Interlocked.Read(ref unique) >= expected)
        {
            allArrived.TrySetResult();
        }

        try
        {
            await allArrived.Task.WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException)
        {
        }

        var totalSeconds = clock.Elapsed.TotalSeconds;
        foreach (var handle in handles)
        {
            await handle.UnsubscribeAsync();
        }

        var sorted = latencies.Order().ToArray();
        double Percentile(double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return new ClusterLoadReport(silos, users.Count, pairs, conversations.Count - pairs, settings.GroupSize, accepted, Math.Round(totalSeconds, 2),
            Math.Round(accepted / sendSeconds, 1), unique, Math.Round(unique / totalSeconds, 1),
            Math.Round(Percentile(0.50), 2), Math.Round(Percentile(0.95), 2), Math.Round(Percentile(0.99), 2), Math.Round(sorted.LastOrDefault(), 2),
            Math.Max(0, expected - unique), deliveries.Values.Sum(c => (long)c - 1), Process.GetCurrentProcess().PeakWorkingSet64);
    }

    private static async Task<List<string>> CreateUsersAsync(IClusterClient client, int count)
    {
        var accounts = client.GetGrain<IAccountGrain>(0);
        var users = new ConcurrentBag<string>();
        using var throttle = new SemaphoreSlim(8);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await throttle.WaitAsync();
            try
            {
                var result = await accounts.SignUpAsync(new SignUpDraft($"load{i}x{Guid.NewGuid():N}"[..20], "load test password"));
                users.Add(result.User!.UserId);
            }
            finally
            {
                throttle.Release();
            }
        }));

        return [.. users];
    }
}
