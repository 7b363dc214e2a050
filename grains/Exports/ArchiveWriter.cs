using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using OrleansDirect.Conversations;
using OrleansDirect.Inbox;
using OrleansDirect.Media;
using OrleansDirect.Social;
using OrleansDirect.Users;

namespace OrleansDirect.Exports;

/// <summary>
/// Writes a user's archive as a zip of JSON files, their media and a readable index.html. Everything is read through
/// the same calls and rules as the user's own clients, as that user: what they may see now is exactly what they get.
/// </summary>
internal sealed class ArchiveWriter(IGrainFactory grains, string userId)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public async Task WriteAsync(Stream output, CancellationToken cancellation)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>Your OrleansDirect data</title></head><body>");

        var profile = await grains.GetGrain<IUserAccountGrain>(userId).GetProfileAsync();
        var social = grains.GetGrain<ISocialGrain>(userId);
        var settings = (await social.GetSettingsAsync(userId)).Settings;
        var hiddenWords = (await social.GetHiddenWordsAsync(userId)).Words;
        await AddJsonAsync(zip, "profile.json", new { profile, settings, hiddenWords }, cancellation);
        html.Append("<h1>Your data</h1><p>Account ").Append(Encode(profile?.Handle)).Append(" (").Append(Encode(userId)).Append(")</p>");

        foreach (var (name, list) in new (string, Func<UserListQuery, Task<UserListPage>>)[]
                 {
                     ("following", q => social.GetFollowingAsync(userId, q)),
                     ("followers", q => social.GetFollowersAsync(userId, q)),
                     ("blocked", q => social.GetBlockedAsync(userId, q)),
                     ("restricted", q => social.GetRestrictedAsync(userId, q)),
                 })
        {
            var entries = await AllAsync(list);
            await AddJsonAsync(zip, $"{name}.json", entries, cancellation);
            html.Append("<h2>").Append(name).Append(" (").Append(entries.Count).Append(")</h2><ul>");
            entries.ForEach(e => html.Append("<li>").Append(Encode(e.Handle)).Append("</li>"));
            html.Append("</ul>");
        }

        html.Append("<h2>Conversations</h2>");
        var inbox = grains.GetGrain<IInboxGrain>(userId);
        string? cursor = null;
        do
        {
            var page = await inbox.GetPageAsync(userId, new InboxQuery(cursor, 100, InboxOrder.ConversationId));
            foreach (var entry in page.Entries)
            {
                await AddConversationAsync(zip, html, entry.ConversationId, cancellation);
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);

        html.Append("</body></html>");
        await AddTextAsync(zip, "index.html", html.ToString(), cancellation);
    }

    private async Task AddConversationAsync(ZipArchive zip, StringBuilder html, string conversationId, CancellationToken cancellation)
    {
        var conversation = grains.GetGrain<IConversationGrain>(conversationId);
        if ((await conversation.GetViewAsync(userId)).Conversation is not { } view)
        {
            return;
        }

        List<ChatMessage> messages = [];
        long after = 0;
        while (true)
        {
            var page = await conversation.GetHistoryAsync(userId, new HistoryQuery(null, after, 100));
            messages.AddRange(page.Messages);
            if (page.Status != ConversationStatus.Ok || !page.HasMore)
            {
                break;
            }

            // A window can hold nothing for this user (withheld or deleted for them) and still have more after it.
            after = page.Messages.Count > 0 ? page.Messages[^1].Seq : Math.Max(after, page.FirstVisibleSeq - 1) + 100;
        }

        await AddJsonAsync(zip, $"conversations/{conversationId}.json", new { conversation = view, messages }, cancellation);
        html.Append("<h3>").Append(Encode(view.Name ?? string.Join(", ", view.MemberIds.Where(m => m != userId)))).Append("</h3><ol>");
        foreach (var message in messages)
        {
            html.Append("<li><b>").Append(Encode(message.SenderId)).Append("</b> ").Append(message.SentAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture)).Append(": ");
            html.Append(message.Deleted ? "<i>(deleted)</i>" : Encode(message.Text));
            if (message.Media is { ViewOnce: false } media && !message.Deleted && await AddMediaAsync(zip, media, cancellation) is { } path)
            {
                html.Append(" <a href=\"").Append(Encode(path)).Append("\">").Append(Encode(media.ContentType)).Append("</a>");
            }

            html.Append("</li>");
        }

        html.Append("</ol>");
    }

    // View-once media are never included: an archive would be a second look.
    private async Task<string?> AddMediaAsync(ZipArchive zip, MediaRef media, CancellationToken cancellation)
    {
        var grain = grains.GetGrain<IMediaGrain>(media.MediaId);
        var opened = await grain.OpenAsync(userId);
        if (opened is not { Status: MediaStatus.Ok, Ticket: { } ticket, Media: { } info })
        {
            return null;
        }

        var path = $"media/{media.MediaId}.{info.ContentType[(info.ContentType.IndexOf('/', StringComparison.Ordinal) + 1)..]}";
        await using var entry = await zip.CreateEntry(path, CompressionLevel.NoCompression).OpenAsync(cancellation);
        for (long offset = 0; offset < info.Size;)
        {
            var chunk = await grain.ReadAsync(ticket, offset, 256 * 1024);
            if (chunk is not { Length: > 0 })
            {
                break;
            }

            await entry.WriteAsync(chunk, cancellation);
            offset += chunk.Length;
        }

        return path;
    }

    private static async Task<List<UserListEntry>> AllAsync(Func<UserListQuery, Task<UserListPage>> list)
    {
        List<UserListEntry> entries = [];
        string? cursor = null;
        do
        {
            var page = await list(new UserListQuery(cursor, 100));
            entries.AddRange(page.Entries);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return entries;
    }

    private static async Task AddJsonAsync<T>(ZipArchive zip, string path, T value, CancellationToken cancellation)
    {
        await using var entry = await zip.CreateEntry(path, CompressionLevel.Optimal).OpenAsync(cancellation);
        await JsonSerializer.SerializeAsync(entry, value, Json, cancellation);
    }

    private static async Task AddTextAsync(ZipArchive zip, string path, string text, CancellationToken cancellation)
    {
        await using var entry = await zip.CreateEntry(path, CompressionLevel.Optimal).OpenAsync(cancellation);
        await entry.WriteAsync(Encoding.UTF8.GetBytes(text), cancellation);
    }

    private static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");
}
