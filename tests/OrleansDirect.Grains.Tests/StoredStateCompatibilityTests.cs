using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansDirect.Accounts;
using OrleansDirect.Conversations;
using OrleansDirect.Inbox;
using OrleansDirect.Silo.Hosting;
using OrleansDirect.Users;

namespace OrleansDirect.Tests;

/// <summary>
/// Stored grain state must stay readable. <c>StoredState/*.b64</c> are samples written by an earlier build with the
/// silo's state serializer; the current build must read each one back to the same values. A change that breaks
/// stored data (a renumbered [Id], a changed field type, a type turned from record to class) fails here.
/// When a state type gains fields, add a new sample version (see WriteSamples) and keep the old ones.
/// </summary>
[Trait("Category", "Unit")]
public sealed class StoredStateCompatibilityTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 1, 2, 3, TimeSpan.Zero);

    private static readonly IGrainStorageSerializer Serializer = CreateSerializer();

    /// <summary>The sample of each state type, as the checked-in v1 file holds it.</summary>
    public static IEnumerable<(string Name, object Value)> Samples()
    {
        yield return ("UserState.v1", new UserState
        {
            Handle = "alice",
            PasswordHash = "pbkdf2-sha512$210000$c2FsdA==$aGFzaA==",
            CreatedAt = At,
            Sessions = [new UserSessionRef("key1", "s_1", At.AddDays(30))],
        });
        yield return ("HandleState.v1", new HandleState { OwnerUserId = "u_alice" });
        yield return ("SessionState.v1", new SessionState { UserId = "u_alice", SessionId = "s_1", ExpiresAt = At.AddDays(30) });
        yield return ("ConversationState.v1", new ConversationState
        {
            Started = true,
            Kind = ConversationKind.Direct,
            Members =
            [
                new MemberState { UserId = "u_alice", JoinedAfterSeq = 0, JoinedAt = At, ReadSeq = 2, DeliveredSeq = 2 },
                new MemberState { UserId = "u_bob", JoinedAfterSeq = 0, JoinedAt = At, ReadSeq = 1, DeliveredSeq = 2 },
            ],
            LastSeq = 2,
            CreatedAt = At,
            LastActivityAt = At.AddMinutes(1),
            RecentSends = [new RecentSend("u_alice", "c1", 1, At), new RecentSend("u_bob", "c2", 2, At.AddMinutes(1))],
        });
        yield return ("MessageSegmentState.v1", new MessageSegmentState
        {
            Messages = [new ChatMessage(1, "u_alice", "c1", "hello", At), new ChatMessage(2, "u_bob", "c2", "hi 😀", At.AddMinutes(1))],
        });
        yield return ("InboxState.v1", new InboxState
        {
            Entries = new Dictionary<string, InboxEntryState>
            {
                ["dm_1"] = new() { Kind = ConversationKind.Direct, OtherMemberIds = ["u_bob"], LastSeq = 2, LastActivityAt = At, ReadSeq = 1, Preview = new MessagePreview(2, "u_bob", "hi") },
            },
        });
    }

    [Fact]
    public void CheckedInSamples_AreReadByTheCurrentBuild()
    {
        foreach (var (name, expected) in Samples())
        {
            var path = Path.Combine(AppContext.BaseDirectory, "StoredState", name + ".b64");
            Assert.True(File.Exists(path), $"missing sample {name}; see {nameof(StoredStateCompatibilityTests)}");
            var bytes = Convert.FromBase64String(File.ReadAllText(path).Trim());
            var actual = Deserialize(expected.GetType(), bytes);
            Assert.Equal(Describe(expected), Describe(actual));
        }
    }

    /// <summary>
    /// Writes the samples into the source tree. Run on purpose only, when adding a sample version:
    /// <c>ORLEANSDIRECT_WRITE_STATE_SAMPLES=&lt;path to tests/OrleansDirect.Grains.Tests/StoredState&gt; ./test.sh --project tests/OrleansDirect.Grains.Tests</c>.
    /// Existing files are never overwritten.
    /// </summary>
    [Fact]
    public void WriteSamples_OnlyWhenAsked()
    {
        var target = Environment.GetEnvironmentVariable("ORLEANSDIRECT_WRITE_STATE_SAMPLES");
        foreach (var (name, value) in Samples())
        {
            var bytes = Serialize(value);
            Assert.Equal(Describe(value), Describe(Deserialize(value.GetType(), bytes)));
            var path = target is null ? null : Path.Combine(target, name + ".b64");
            if (path is not null && !File.Exists(path))
            {
                File.WriteAllText(path, Convert.ToBase64String(bytes) + "\n");
            }
        }
    }

    private static byte[] Serialize(object value) =>
        ((BinaryData)typeof(IGrainStorageSerializer).GetMethod(nameof(IGrainStorageSerializer.Serialize))!
            .MakeGenericMethod(value.GetType()).Invoke(Serializer, [value])!).ToArray();

    private static object Deserialize(Type type, byte[] bytes) =>
        typeof(IGrainStorageSerializer).GetMethod(nameof(IGrainStorageSerializer.Deserialize))!
            .MakeGenericMethod(type).Invoke(Serializer, [new BinaryData(bytes)])!;

    /// <summary>A structural rendering for comparison (state classes have no value equality).</summary>
    private static string Describe(object value) => System.Text.Json.JsonSerializer.Serialize(value, value.GetType());

    private static IGrainStorageSerializer CreateSerializer()
    {
        var services = new ServiceCollection()
            .AddSerializer(b => b.AddAssembly(typeof(UserState).Assembly).AddAssembly(typeof(ChatMessage).Assembly))
            .BuildServiceProvider();
        return SiloHostingExtensions.CreateStateSerializer(services);
    }
}
