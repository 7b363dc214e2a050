namespace OrleansDirect.Social;

/// <summary>Outcomes of social and settings calls. Each maps to one documented protocol error code.</summary>
[GenerateSerializer, Alias("OrleansDirect.Social.SocialStatus")]
public enum SocialStatus
{
    /// <summary>Done.</summary>
    Ok,

    /// <summary>The caller is not the owner of this grain.</summary>
    Forbidden,

    /// <summary>The other account does not exist.</summary>
    UserNotFound,

    /// <summary>The action cannot target the caller themselves.</summary>
    CannotTargetSelf,

    /// <summary>The list (following, blocked, restricted, hidden words) is full.</summary>
    LimitReached,

    /// <summary>Too many actions of this kind; retry after <see cref="SocialResult.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>The page size or cursor is malformed.</summary>
    InvalidQuery,

    /// <summary>A hidden word is empty, too long or has control characters.</summary>
    InvalidWord,

    /// <summary>The other account does not accept this from the caller (same answer whatever the reason).</summary>
    NotAllowed,
}

/// <summary>Outcome of a social action.</summary>
/// <param name="Status">What happened.</param>
/// <param name="RetryAfter">When <see cref="SocialStatus.RateLimited"/>: how long until the action is allowed again.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Social.SocialResult")]
public sealed record SocialResult([property: Id(0)] SocialStatus Status, [property: Id(1)] TimeSpan? RetryAfter = null)
{
    /// <summary>Success.</summary>
    public static SocialResult Ok { get; } = new(SocialStatus.Ok);
}

/// <summary>A page request over a list of accounts.</summary>
/// <param name="Cursor">Opaque cursor from the previous page, or null for the first page.</param>
/// <param name="Limit">Page size, 1 to <see cref="Validation.MessageRules.MaxPageSize"/>.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Social.UserListQuery")]
public sealed record UserListQuery([property: Id(0)] string? Cursor, [property: Id(1)] int Limit);

/// <summary>One account in a list.</summary>
/// <param name="UserId">The account.</param>
/// <param name="Handle">Its handle.</param>
/// <param name="Since">When it entered the list.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Social.UserListEntry")]
public sealed record UserListEntry([property: Id(0)] string UserId, [property: Id(1)] string Handle, [property: Id(2)] DateTimeOffset Since);

/// <summary>One page of a list of accounts.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Entries">The accounts.</param>
/// <param name="NextCursor">Cursor for the next page, or null at the end.</param>
/// <param name="Total">How many accounts the whole list holds.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Social.UserListPage")]
public sealed record UserListPage(
    [property: Id(0)] SocialStatus Status,
    [property: Id(1)] IReadOnlyList<UserListEntry> Entries,
    [property: Id(2)] string? NextCursor,
    [property: Id(3)] long Total)
{
    /// <summary>A refusal with no entries.</summary>
    public static UserListPage Refused(SocialStatus status) => new(status, [], null, 0);
}

/// <summary>Who may message a user.</summary>
[GenerateSerializer, Alias("OrleansDirect.Social.WhoCanMessage")]
public enum WhoCanMessage
{
    /// <summary>Anyone; senders the user does not follow land in Requests.</summary>
    Everyone,

    /// <summary>Only accounts that follow the user may send requests.</summary>
    Followers,

    /// <summary>Only mutual follows may message the user at all.</summary>
    Mutuals,

    /// <summary>
    /// Message requests are off: only accounts the user follows, and conversations already accepted. (A new account the
    /// user follows still lands in Requests while the user's new-accounts rule is on.)
    /// </summary>
    Off,
}

/// <summary>How read receipts and typing indicators work for a user.</summary>
[GenerateSerializer, Alias("OrleansDirect.Social.ReceiptMode")]
public enum ReceiptMode
{
    /// <summary>Others are told what the user read and when they type; the user sees theirs.</summary>
    On,

    /// <summary>Reciprocal: the user neither sends nor sees receipts and typing; their own devices are not told live either.</summary>
    Off,

    /// <summary>Only the user's own devices learn what they read; nobody else is told. The user still sees others'.</summary>
    Private,
}

/// <summary>A user's privacy settings.</summary>
/// <param name="WhoCanMessage">Who may message the user.</param>
/// <param name="NewAccountsNeedApproval">Whether messages from accounts younger than the configured age always go to Requests.</param>
/// <param name="ReadReceipts">Read receipts and typing indicators.</param>
/// <param name="LinkPreviews">Whether the user receives link previews that senders attach.</param>
/// <param name="DefaultHiddenWords">Whether the built-in hidden words list applies in addition to the user's own.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Social.PrivacySettings")]
public sealed record PrivacySettings(
    [property: Id(0)] WhoCanMessage WhoCanMessage,
    [property: Id(1)] bool NewAccountsNeedApproval,
    [property: Id(2)] ReceiptMode ReadReceipts,
    [property: Id(3)] bool LinkPreviews,
    [property: Id(4)] bool DefaultHiddenWords)
{
    /// <summary>The settings of a new account.</summary>
    public static PrivacySettings Default { get; } = new(WhoCanMessage.Everyone, true, ReceiptMode.On, true, true);
}

/// <summary>A change to some settings; null fields stay as they are.</summary>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Social.SettingsUpdate")]
public sealed record SettingsUpdate(
    [property: Id(0)] WhoCanMessage? WhoCanMessage = null,
    [property: Id(1)] bool? NewAccountsNeedApproval = null,
    [property: Id(2)] ReceiptMode? ReadReceipts = null,
    [property: Id(3)] bool? LinkPreviews = null,
    [property: Id(4)] bool? DefaultHiddenWords = null);

/// <summary>Outcome of a settings call.</summary>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Social.SettingsResult")]
public sealed record SettingsResult([property: Id(0)] SocialStatus Status, [property: Id(1)] PrivacySettings? Settings);

/// <summary>Outcome of a hidden words call.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Words">The owner's words, in the order they were added (lower-cased).</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Social.HiddenWordsResult")]
public sealed record HiddenWordsResult([property: Id(0)] SocialStatus Status, [property: Id(1)] IReadOnlyList<string> Words);
