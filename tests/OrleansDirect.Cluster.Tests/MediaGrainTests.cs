using OrleansDirect.Conversations;
using OrleansDirect.Media;
using OrleansDirect.Streams;

namespace OrleansDirect.Tests;

/// <summary>Media: members only, metadata removed, bytes deleted with their message, view-once enforced.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class MediaGrainTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    private static string BlobPath(string mediaId) => Path.Combine(TestSettings.MediaDirectory, mediaId);

    private async Task<(string A, string B, IConversationGrain Conversation)> PairAsync(bool follow = true)
    {
        var a = (await Users.CreateAsync(Client)).UserId;
        var b = (await Users.CreateAsync(Client)).UserId;
        if (follow)
        {
            await Users.FollowAsync(Client, b, a);
        }

        var conversation = Client.GetGrain<IConversationGrain>(ConversationIds.Direct(a, b));
        await conversation.StartDirectAsync(a, b);
        return (a, b, conversation);
    }

    private async Task<string> UploadAsync(string ownerId, byte[] content)
    {
        var id = MediaIds.New();
        var grain = Client.GetGrain<IMediaGrain>(id);
        foreach (var chunk in content.Chunk(100))
        {
            Assert.Equal(MediaStatus.Ok, await grain.AppendAsync(ownerId, chunk));
        }

        Assert.Equal(MediaStatus.Ok, (await grain.CompleteAsync(ownerId)).Status);
        return id;
    }

    private async Task<byte[]> DownloadAsync(string mediaId, string userId)
    {
        var grain = Client.GetGrain<IMediaGrain>(mediaId);
        var opened = await grain.OpenAsync(userId);
        Assert.Equal(MediaStatus.Ok, opened.Status);
        using var bytes = new MemoryStream();
        while (bytes.Length < opened.Media!.Size)
        {
            bytes.Write((await grain.ReadAsync(opened.Ticket!, bytes.Length, 1000))!);
        }

        return bytes.ToArray();
    }

    [Fact]
    public async Task Photo_IsStoredWithoutMetadata_ReadableByMembersOnly_AndDeletedWhenUnsent()
    {
        var (a, b, conversation) = await PairAsync();
        var outsider = (await Users.CreateAsync(Client)).UserId;
        var mediaId = await UploadAsync(a, SampleMedia.JpegWithExif());
        Assert.Equal(MediaStatus.NotFound, (await Client.GetGrain<IMediaGrain>(mediaId).OpenAsync(b)).Status); // not sent yet

        var sent = await conversation.PostAsync(a, new MessageDraft("m1", "", MediaId: mediaId));

        Assert.Equal(ConversationStatus.Ok, sent.Status);
        var received = await DownloadAsync(mediaId, b);
        Assert.DoesNotContain(SampleMedia.Location, System.Text.Encoding.ASCII.GetString(received), StringComparison.Ordinal);
        Assert.Equal((byte[])[0xFF, 0xD8], received[..2]);
        Assert.Equal(MediaStatus.NotFound, (await Client.GetGrain<IMediaGrain>(mediaId).OpenAsync(outsider)).Status);
        Assert.Equal(ConversationStatus.MediaNotFound, (await conversation.PostAsync(a, new MessageDraft("m2", "again", MediaId: mediaId))).Status);
        Assert.True(File.Exists(BlobPath(mediaId)));

        await conversation.UnsendAsync(a, sent.Seq);

        Assert.False(File.Exists(BlobPath(mediaId)), "the bytes are gone from storage");
        Assert.Equal(MediaStatus.NotFound, (await Client.GetGrain<IMediaGrain>(mediaId).OpenAsync(b)).Status);
    }

    [Fact]
    public async Task Uploads_AreCheckedByContentAndSize_AndOnlyTheirOwnerMaySendThem()
    {
        var (a, b, conversation) = await PairAsync();
        var tooBig = Client.GetGrain<IMediaGrain>(MediaIds.New());
        Assert.Equal(MediaStatus.UnsupportedType, await Client.GetGrain<IMediaGrain>(MediaIds.New()).AppendAsync(a, "just text, named photo.jpg"u8.ToArray()));
        Assert.Equal(MediaStatus.Ok, await tooBig.AppendAsync(a, SampleMedia.OggOpus(100 * 1024)));
        Assert.Equal(MediaStatus.TooLarge, await tooBig.AppendAsync(a, new byte[1024]));
        Assert.False(File.Exists(BlobPath(tooBig.GetPrimaryKeyString()) + ".upload"));

        var mine = await UploadAsync(a, SampleMedia.OggOpus());
        Assert.Equal(MediaStatus.NotFound, await Client.GetGrain<IMediaGrain>(mine).AppendAsync(b, [1]));
        Assert.Equal(ConversationStatus.MediaNotFound, (await conversation.PostAsync(b, new MessageDraft("x", "", MediaId: mine))).Status);
        Assert.Equal(ConversationStatus.MediaNotFound, (await conversation.PostAsync(a, new MessageDraft("y", "", MediaId: mine, ViewOnce: true))).Status);
        var sent = await conversation.PostAsync(a, new MessageDraft("z", "listen", MediaId: mine));
        Assert.Equal(ConversationStatus.Ok, sent.Status);
        var stored = (await conversation.GetHistoryAsync(b, new HistoryQuery(null, null, 10))).Messages.Single(m => m.Seq == sent.Seq);
        Assert.False(stored.Media!.ViewOnce); // the refused view-once attempt bound nothing
        Assert.Equal(ConversationStatus.InvalidLinkPreview,
            (await conversation.PostAsync(a, new MessageDraft("w", "", new LinkPreview("https://a.example/", "t", null), MediaId: MediaIds.New()))).Status);
    }

    [Fact]
    public async Task ViewOnce_OpensOncePerRecipient_AndIsDeletedWhenAllHaveSeenIt()
    {
        var (a, b, conversation) = await PairAsync();
        var mediaId = await UploadAsync(a, SampleMedia.PngWithText());
        await conversation.PostAsync(a, new MessageDraft("v1", "", MediaId: mediaId, ViewOnce: true));

        Assert.Equal(MediaStatus.AlreadyViewed, (await Client.GetGrain<IMediaGrain>(mediaId).OpenAsync(a)).Status); // no replay for the sender
        var seen = await DownloadAsync(mediaId, b);

        Assert.NotEmpty(seen);
        Assert.Equal(MediaStatus.NotFound, (await Client.GetGrain<IMediaGrain>(mediaId).OpenAsync(b)).Status);
        Assert.False(File.Exists(BlobPath(mediaId)), "deleted once every recipient opened it");
    }

    [Fact]
    public async Task Requests_CarryTextOnly_AndExpiringMessagesTakeTheirMediaWithThem()
    {
        var (a, b, request) = await PairAsync(follow: false);
        var photo = await UploadAsync(a, SampleMedia.JpegWithExif());
        Assert.Equal(ConversationStatus.RequestTextOnly, (await request.PostAsync(a, new MessageDraft("r1", "", MediaId: photo))).Status);

        var (c, d, conversation) = await PairAsync();
        await using var theirs = await EventRecorder.StartAsync(Client, d);
        await conversation.SetDisappearingAsync(c, DisappearingMode.AfterSend, TimeSpan.FromSeconds(2));
        var voice = await UploadAsync(c, SampleMedia.OggOpus());
        var sent = await conversation.PostAsync(c, new MessageDraft("e1", "", MediaId: voice));

        await theirs.WaitForAsync<MessagesExpired>("the purge of the voice note", e => e.Seqs.Contains(sent.Seq));
        Assert.False(File.Exists(BlobPath(voice)), "an expired message's medium is deleted from storage");
    }
}
