using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansDirect.Accounts;
using OrleansDirect.Conversations;
using OrleansDirect.Inbox;
using OrleansDirect.Reports;
using OrleansDirect.Silo.Hosting;
using OrleansDirect.Social;
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

    /// <summary>The sample of each state type and version, as the checked-in file of that name holds it.</summary>
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

        // v2: the privacy fields (requests, hidden requests, mute, restrict, link previews, folders).
        yield return ("ConversationState.v2", new ConversationState
        {
            Started = true,
            Kind = ConversationKind.Direct,
            Members =
            [
                new MemberState { UserId = "u_alice", JoinedAt = At, ReadSeq = 1, DeliveredSeq = 1, Status = MemberStatus.Accepted, Muted = true, Restricts = true },
                new MemberState
                {
                    UserId = "u_bob", JoinedAt = At, Status = MemberStatus.Declined, HiddenRequest = true, RequestSeq = 1, Unlisted = true,
                },
            ],
            LastSeq = 1,
            CreatedAt = At,
            LastActivityAt = At,
            RecentSends = [new RecentSend("u_alice", "c1", 1, At)],
        });
        yield return ("ConversationState.v3", new ConversationState
        {
            Started = true,
            Kind = ConversationKind.Group,
            Name = "climbing",
            ApprovalRequired = true,
            Members =
            [
                new MemberState { UserId = "u_alice", JoinedAt = At, Admin = true, ReadSeq = 3 },
                new MemberState { UserId = "u_bob", JoinedAfterSeq = 1, JoinedAt = At, Status = MemberStatus.Pending },
            ],
            PendingAdds = [new PendingAdd("u_dan", "u_bob", At)],
            FormerMembers = [new MemberState { UserId = "u_carol", JoinedAt = At, LeftAtSeq = 3 }],
            LastSeq = 3,
            CreatedAt = At,
            LastActivityAt = At,
        });
        yield return ("MessageSegmentState.v3", new MessageSegmentState
        {
            Messages =
            [
                new ChatMessage(1, "u_alice", "system:1", "", At, Event: new SystemEvent(SystemEventKind.Created, "u_alice", new List<string> { "u_bob" }, "climbing")),
                new ChatMessage(2, "", "system:2", "", At, Event: new SystemEvent(SystemEventKind.ApprovalChanged, "u_alice", new List<string>(), On: true)),
            ],
        });
        yield return ("InboxState.v3", new InboxState
        {
            Entries = new Dictionary<string, InboxEntryState>
            {
                ["g_1"] = new() { Kind = ConversationKind.Group, OtherMemberIds = ["u_bob"], LastSeq = 3, LastActivityAt = At, Name = "climbing" },
            },
        });
        yield return ("MessageSegmentState.v4", new MessageSegmentState
        {
            Messages =
            [
                new ChatMessage(1, "u_alice", "c1", "edited", At, ReplyToSeq: null, Reactions: new List<Reaction> { new("u_bob", "🔥") },
                    Edits: new List<MessageEdit> { new("first", At.AddMinutes(1)) }, HiddenFor: new List<string> { "u_bob" },
                    ExpiresAt: At.AddDays(1), Media: new MediaRef("m_0123456789abcdef0123456789abcdef", Media.MediaKind.Image, "image/jpeg", 1234, ViewOnce: true)),
                new ChatMessage(2, "u_bob", "c2", "", At, Deleted: true, Expired: true),
                new ChatMessage(3, "u_bob", "c3", "reply", At, ReplyToSeq: 1, DisappearAfterSeen: TimeSpan.FromMinutes(5)),
            ],
        });
        yield return ("ConversationState.v4", new ConversationState
        {
            Started = true,
            Kind = ConversationKind.Direct,
            Members = [new MemberState { UserId = "u_alice", JoinedAt = At }, new MemberState { UserId = "u_bob", JoinedAt = At }],
            LastSeq = 3,
            CreatedAt = At,
            LastActivityAt = At,
            Disappearing = DisappearingMode.AfterSeen,
            DisappearingTimer = TimeSpan.FromMinutes(5),
            PendingExpiries = new Dictionary<long, DateTimeOffset> { [0] = At.AddDays(1) },
            SeenThrough = 2,
            LastAfterSeenSeq = 3,
            ReminderDueAt = At.AddDays(1),
        });
        yield return ("MediaState.v1", new Media.MediaState
        {
            OwnerId = "u_alice", Kind = Media.MediaKind.Video, ContentType = "video/mp4", Size = 4096, Completed = true,
            ConversationId = "g_1", Seq = 7, ViewOnce = true, Recipients = ["u_bob", "u_carol"], OpenedBy = ["u_bob"],
        });
        yield return ("ExportState.v1", new Exports.ExportState
        {
            OwnerId = "u_alice", Status = Exports.ExportStatus.Ready, CreatedAt = At, ExpiresAt = At.AddDays(3), Size = 99,
        });
        yield return ("MessageSegmentState.v2", new MessageSegmentState
        {
            Messages =
            [
                new ChatMessage(1, "u_alice", "c1", "see https://example.com/a", At, new LinkPreview("https://example.com/a", "Example", "A page"), SentAsRequest: true),
                new ChatMessage(2, "u_bob", "c2", "https://example.org", At.AddMinutes(1), new LinkPreview("https://example.org", "Org", null)),
            ],
        });
        yield return ("InboxState.v2", new InboxState
        {
            Entries = new Dictionary<string, InboxEntryState>
            {
                ["dm_1"] = new()
                {
                    Kind = ConversationKind.Direct, OtherMemberIds = ["u_carol"], LastSeq = 1, LastActivityAt = At, ReadSeq = 0,
                    Preview = new MessagePreview(1, "u_carol", "", Masked: true), Folder = InboxFolder.HiddenRequests, Muted = false,
                },
                ["dm_2"] = new()
                {
                    Kind = ConversationKind.Direct, OtherMemberIds = ["u_bob"], LastSeq = 5, LastActivityAt = At.AddMinutes(5), ReadSeq = 5,
                    Preview = new MessagePreview(5, "u_bob", "see you"), Folder = InboxFolder.Requests, Muted = true,
                },
            },
        });
        yield return ("SocialState.v1", new SocialState
        {
            Settings = new PrivacySettings(
                WhoCanMessage: WhoCanMessage.Followers, NewAccountsNeedApproval: false, ReadReceipts: ReceiptMode.Private, LinkPreviews: false, DefaultHiddenWords: false),
            Following = new Dictionary<string, FollowEdge>
            {
                ["u_bob"] = new FollowEdge("bob", At, Segment: 3),
                ["u_carol"] = new FollowEdge("carol", At.AddMinutes(1), Segment: null),
            },
            Blocked = new Dictionary<string, ListedUser> { ["u_mallory"] = new ListedUser("mallory", At.AddHours(1)) },
            Restricted = new Dictionary<string, ListedUser> { ["u_trent"] = new ListedUser("trent", At.AddHours(2)) },
            HiddenWords = ["spam", "cheap pills", "über"],
        });
        yield return ("FollowersState.v1", new FollowersState { Count = 1234, Tail = 2, TailAppends = 234 });
        yield return ("FollowerSegmentState.v1", new FollowerSegmentState
        {
            Entries = [new UserListEntry("u_bob", "bob", At), new UserListEntry("u_carol", "carol", At.AddMinutes(5))],
        });

        // Evidence is a List, as a report holds it after the evidence grain call. A collection expression typed as
        // IReadOnlyList would make a compiler-generated type that Orleans releases before dotnet/orleans#10104 cannot write.
        yield return ("ReportState.v1", new ReportState
        {
            Report = new ReportView(
                ReportId: "rpt_0123456789abcdef0123456789abcdef",
                ReporterId: "u_alice",
                Target: ReportTarget.Message,
                ConversationId: "dm_0123456789abcdef0123456789abcdef",
                Seq: 2,
                AccountId: "u_bob",
                Reason: ReportReason.Harassment,
                Note: "keeps messaging me",
                Evidence: new List<ChatMessage>
                {
                    new ChatMessage(1, "u_bob", "c1", "hello", At, SentAsRequest: true),
                    new ChatMessage(2, "u_bob", "c2", "see https://example.com/a", At.AddMinutes(1), new LinkPreview("https://example.com/a", "Example", null)),
                },
                CreatedAt: At.AddMinutes(2),
                Outcome: ReportOutcome.ActionTaken,
                ResolutionNote: "warned",
                ResolvedAt: At.AddHours(1)),
            Segment = 0,
        });
        yield return ("ReportIndexState.v1", new ReportIndexState { Tail = 3, TailCount = 17 });
        yield return ("ReportIndexSegmentState.v1", new ReportIndexSegmentState
        {
            Entries =
            [
                new ReportSummary("rpt_0123456789abcdef0123456789abcdef", ReportTarget.Message, ReportReason.Harassment, "u_bob", At.AddMinutes(2), Resolved: true),
                new ReportSummary("rpt_fedcba9876543210fedcba9876543210", ReportTarget.Account, ReportReason.Impersonation, "u_mallory", At.AddMinutes(3), Resolved: false),
            ],
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
