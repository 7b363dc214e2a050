using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using OrleansDirect.Accounts;
using OrleansDirect.Conversations;
using OrleansDirect.Inbox;
using OrleansDirect.Streams;
using OrleansDirect.Users;

namespace OrleansDirect.Tests;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class SerializationTests(ClusterFixture fixture)
{
    public static TheoryData<object> Samples()
    {
        var at = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        var message = new ChatMessage(7, "u_a", "c1", "hi", at);
        var view = new ConversationView("dm_x", ConversationKind.Direct, ["u_a", "u_b"], 7, at);
        object[] samples =
        [
            new SignUpDraft("alice", "pw"), new SignInDraft("alice", "pw"),
            new SignUpResult(SignUpStatus.Created, new UserProfileView("u_a", "alice", at)),
            new SignInResult(SignInStatus.SignedIn, new IssuedSession("t", "s", new UserProfileView("u_a", "alice", at), at)),
            new AuthenticatedSession("u_a", "s", at), message, new MessageDraft("c1", "hi"),
            new PostMessageResult(ConversationStatus.Ok, 7, at, true), new HistoryQuery(null, 3, 10),
            new HistoryPage(ConversationStatus.Ok, [message], true, 1, 7), view, new ConversationResult(ConversationStatus.Ok, view),
            new InboxQuery("c", 5), new InboxPage(InboxStatus.Ok, [new InboxEntry("dm_x", ConversationKind.Direct, ["u_b"], 7, at, 3, 4, new MessagePreview(7, "u_a", "hi"))], "n"),
            new InboxUpdate("dm_x", ConversationKind.Direct, ["u_b"], 7, at, null, 2),
            new MessagePosted("dm_x", message), new SessionRevoked("s"), new ConversationStarted(view),
            new UserSessionRef("k", "s", at), new RecentSend("u_a", "c1", 7, at),
        ];
        var data = new TheoryData<object>();
        foreach (var sample in samples)
        {
            data.Add(sample);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void RoundTrip_PreservesValue(object sample)
    {
        var serializer = fixture.Cluster.Client.ServiceProvider.GetRequiredService<Serializer>();
        var copy = serializer.Deserialize<object>(serializer.SerializeToArray(sample));
        Assert.NotNull(copy);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(sample, sample.GetType()), System.Text.Json.JsonSerializer.Serialize(copy, copy.GetType()));
        Assert.Equal(sample.GetType(), copy.GetType());
    }
}
