using Microsoft.Extensions.DependencyInjection;
using OrleansDirect.Conversations;
using OrleansDirect.Exports;
using OrleansDirect.Hosting;
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
            Assert.Equal(MediaStatus.Ok, (await grain.AppendAsync(ownerId, chunk)).Status);
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
        Assert.Equal(MediaStatus.UnsupportedType, (await Client.GetGrain<IMediaGrain>(MediaIds.New()).AppendAsync(a, "just text, named photo.jpg"u8.ToArray())).Status);
        Assert.Equal(MediaStatus.Ok, (await tooBig.AppendAsync(a, SampleMedia.OggOpus(100 * 1024))).Status);
        Assert.Equal(MediaStatus.TooLarge, (await tooBig.AppendAsync(a, new byte[1024])).Status);
        Assert.False(File.Exists(BlobPath(tooBig.GetPrimaryKeyString()) + ".upload"));

        var mine = await UploadAsync(a, SampleMedia.OggOpus());
        Assert.Equal(MediaStatus.NotFound, (await Client.GetGrain<IMediaGrain>(mine).AppendAsync(b, [1])).Status);
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

    /// <summary>The grain's one reminder row in Orleans' reminder table (the lifetimes run on durable reminders).</summary>
    private async Task<ReminderEntry?> ExpiryReminderAsync(IAddressable grain) =>
        (await fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>().ReadRows(grain.GetGrainId())).Reminders.SingleOrDefault();

    /// <summary>Delivers the tick that the reminder service sends when <paramref name="reminder"/>'s period has passed.</summary>
    private static Task ExpireAsync(IAddressable grain, ReminderEntry reminder) =>
        grain.AsReference<IRemindable>().ReceiveReminder(reminder.ReminderName, new TickStatus(reminder.StartAt, reminder.Period, DateTime.UtcNow));

    private async Task ExpireAsync(IAddressable grain) =>
        await ExpireAsync(grain, await ExpiryReminderAsync(grain) ?? throw new InvalidOperationException($"{grain.GetGrainId()} has no expiry reminder"));

    [Fact]
    public async Task Lifetimes_AreDurableReminders_ThatDeleteUnsentUploadsAndUnopenedViewOnceMedia_AndLeaveSentMedia()
    {
        var (a, b, conversation) = await PairAsync();
        var unsent = Client.GetGrain<IMediaGrain>(await UploadAsync(a, SampleMedia.PngWithText()));
        var sent = Client.GetGrain<IMediaGrain>(await UploadAsync(a, SampleMedia.JpegWithExif()));
        var viewOnce = Client.GetGrain<IMediaGrain>(await UploadAsync(a, SampleMedia.PngWithText()));
        await conversation.PostAsync(a, new MessageDraft("l1", "", MediaId: sent.GetPrimaryKeyString()));
        await conversation.PostAsync(a, new MessageDraft("l2", "", MediaId: viewOnce.GetPrimaryKeyString(), ViewOnce: true));

        var unsentReminder = await ExpiryReminderAsync(unsent);
        Assert.Equal(new MediaOptions().UnsentLifetime, unsentReminder?.Period);
        Assert.Equal(new MediaOptions().ViewOnceLifetime, (await ExpiryReminderAsync(viewOnce))?.Period);
        Assert.Null(await ExpiryReminderAsync(sent)); // sending cancelled the unsent upload's lifetime
        await ExpireAsync(unsent);
        await ExpireAsync(viewOnce);
        await ExpireAsync(sent, unsentReminder!); // a late tick of the cancelled reminder changes nothing

        Assert.False(File.Exists(BlobPath(unsent.GetPrimaryKeyString())), "an upload never sent is deleted when its lifetime ends");
        Assert.False(File.Exists(BlobPath(viewOnce.GetPrimaryKeyString())), "a view-once medium not opened by everyone is deleted at its lifetime's end");
        Assert.Equal(MediaStatus.NotFound, (await viewOnce.OpenAsync(b)).Status);
        Assert.True(File.Exists(BlobPath(sent.GetPrimaryKeyString())), "a sent medium lives as long as its message");
        Assert.Equal(MediaStatus.Ok, (await sent.OpenAsync(b)).Status);
    }

    [Fact]
    public async Task DataDownload_IsDeletedWhenItsLifetimeEnds()
    {
        var (a, _, conversation) = await PairAsync();
        await conversation.PostAsync(a, new MessageDraft("d1", "to be exported"));
        await using var events = await EventRecorder.StartAsync(Client, a);
        var export = Client.GetGrain<IExportGrain>(ExportIds.New());
        await export.StartAsync(a);
        await events.WaitForAsync<ExportFinished>("the archive to be built", e => e.ExportId == export.GetPrimaryKeyString());
        var archive = Path.Combine(TestSettings.MediaDirectory, export.GetPrimaryKeyString() + ".zip");
        Assert.True(File.Exists(archive));
        Assert.Equal(new MediaOptions().ExportLifetime, (await ExpiryReminderAsync(export))?.Period);

        await ExpireAsync(export);

        Assert.False(File.Exists(archive), "the archive is deleted when its lifetime ends");
        Assert.Equal(ExportStatus.Expired, (await export.GetAsync(a))?.Status);
        Assert.Null(await export.OpenAsync(a));
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
