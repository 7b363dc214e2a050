using OrleansDirect.Hosting;
using OrleansDirect.Validation;

namespace OrleansDirect.Inbox;

/// <summary>A user's inbox; see <see cref="IInboxGrain"/> and <see cref="IInboxUpdater"/>.</summary>
public sealed class InboxGrain(
    [PersistentState("inbox", StorageNames.Inbox)] IPersistentState<InboxState> state) : Grain, IInboxGrain, IInboxUpdater
{
    public Task<InboxPage> GetPageAsync(string callerId, InboxQuery query)
    {
        if (callerId != this.GetPrimaryKeyString())
        {
            return Task.FromResult(new InboxPage(InboxStatus.Forbidden, [], null));
        }

        if (!MessageRules.IsValidPageSize(query.Limit) || !Enum.IsDefined(query.Folder) || !Enum.IsDefined(query.Order))
        {
            return Task.FromResult(new InboxPage(InboxStatus.InvalidQuery, [], null));
        }

        if (query.Order == InboxOrder.ConversationId)
        {
            return Task.FromResult(PageByConversationId(query));
        }

        InboxCursor after = default;
        if (query.Cursor is not null && !InboxCursor.TryDecode(query.Cursor, out after))
        {
            return Task.FromResult(new InboxPage(InboxStatus.InvalidQuery, [], null));
        }

        var ordered = state.State.Entries
            .Select(e => (Key: new InboxCursor(e.Value.LastActivityAt.UtcTicks, e.Key), Entry: e.Value))
            .Where(e => e.Entry.Folder == query.Folder && (query.Cursor is null || e.Key.CompareTo(after) > 0))
            .OrderBy(e => e.Key)
            .Take(query.Limit + 1)
            .ToList();
        var page = ordered.Take(query.Limit).Select(e => ToView(e.Key.ConversationId, e.Entry)).ToList();
        var next = ordered.Count > query.Limit ? ordered[query.Limit - 1].Key.Encode() : null;
        return Task.FromResult(new InboxPage(InboxStatus.Ok, page, next));
    }

    public async Task ApplyAsync(InboxUpdate update)
    {
        if (update.Remove)
        {
            if (state.State.Entries.Remove(update.ConversationId))
            {
                await state.WriteOrDiscardAsync(DeactivateOnIdle);
            }

            return;
        }

        if (!state.State.Entries.TryGetValue(update.ConversationId, out var entry))
        {
            entry = new InboxEntryState { Kind = update.Kind, LastActivityAt = update.LastActivityAt };
            state.State.Entries[update.ConversationId] = entry;
        }

        entry.OtherMemberIds = [.. update.OtherMemberIds];
        entry.Folder = update.Folder;
        entry.Muted = update.Muted;
        entry.Name = update.Name ?? entry.Name; // a group keeps its name; updates to former members carry none
        if (update.LastSeq >= entry.LastSeq)
        {
            entry.LastSeq = update.LastSeq;
            entry.LastActivityAt = update.LastActivityAt;
        }

        // A repeated fan-out (a retried send) carries an older message: the preview only ever moves forward (or is
        // replaced for the same message, when an accepted request unmasks it).
        if (update.Preview is { } preview && (entry.Preview is null || preview.Seq >= entry.Preview.Seq))
        {
            entry.Preview = preview;
        }

        if (update.ReadSeq is { } read && read > entry.ReadSeq)
        {
            entry.ReadSeq = read;
        }

        await state.WriteOrDiscardAsync(DeactivateOnIdle);
    }

    // Stable order for catch-up: the cursor is the last conversation id returned (ids are ASCII), so entries that move
    // in activity order while the caller pages cannot be skipped.
    private InboxPage PageByConversationId(InboxQuery query)
    {
        var page = state.State.Entries
            .Where(e => query.Cursor is null || string.CompareOrdinal(e.Key, query.Cursor) > 0)
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .Take(query.Limit + 1)
            .ToList();
        var entries = page.Take(query.Limit).Select(e => ToView(e.Key, e.Value)).ToList();
        return new InboxPage(InboxStatus.Ok, entries, page.Count > query.Limit ? entries[^1].ConversationId : null);
    }

    private static InboxEntry ToView(string conversationId, InboxEntryState e) =>
        new(conversationId, e.Kind, e.OtherMemberIds, e.LastSeq, e.LastActivityAt, e.ReadSeq, Math.Max(0, e.LastSeq - e.ReadSeq), e.Preview, e.Folder, e.Muted, e.Name);
}
