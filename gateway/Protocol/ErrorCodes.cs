namespace OrleansDirect.Gateway.Protocol;

/// <summary>Every error code the gateway sends, in error frames and in problem details. Listed in docs/protocol.md.</summary>
public static class ErrorCodes
{
    // Frame shape.
    public const string BadJson = "bad_json";
    public const string UnknownType = "unknown_type";
    public const string InvalidField = "invalid_field";
    public const string FrameTooLarge = "frame_too_large";
    public const string BinaryNotSupported = "binary_not_supported";

    // Session.
    public const string NotAuthenticated = "not_authenticated";
    public const string AlreadyAuthenticated = "already_authenticated";
    public const string AuthFailed = "auth_failed";

    // Conversations.
    public const string NotFound = "not_found";
    public const string UserNotFound = "user_not_found";
    public const string CannotMessageSelf = "cannot_message_self";
    public const string EmptyText = "empty_text";
    public const string TextTooLong = "text_too_long";
    public const string InvalidText = "invalid_text";
    public const string InvalidClientMessageId = "invalid_client_message_id";
    public const string InvalidQuery = "invalid_query";
    public const string SeqOutOfRange = "seq_out_of_range";

    // Privacy and safety.
    public const string CannotMessage = "cannot_message";
    public const string BlockedByYou = "blocked_by_you";
    public const string RequestPending = "request_pending";
    public const string NoRequest = "no_request";
    public const string RateLimited = "rate_limited";
    public const string InvalidLinkPreview = "invalid_link_preview";
    public const string CannotTargetSelf = "cannot_target_self";
    public const string LimitReached = "limit_reached";
    public const string InvalidWord = "invalid_word";
    public const string InvalidReport = "invalid_report";

    // Message changes.
    public const string MessageNotFound = "message_not_found";
    public const string NotYourMessage = "not_your_message";
    public const string EditWindowClosed = "edit_window_closed";
    public const string TooManyEdits = "too_many_edits";
    public const string InvalidReaction = "invalid_reaction";
    public const string InvalidTimer = "invalid_timer";

    // Media.
    public const string MediaNotFound = "media_not_found";
    public const string RequestTextOnly = "request_text_only";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string MediaTooLarge = "media_too_large";
    public const string AlreadyViewed = "already_viewed";

    // Exports.
    public const string ExportNotFound = "export_not_found";
    public const string ExportNotReady = "export_not_ready";
    public const string ExportExpired = "export_expired";

    // Groups.
    public const string NotAdmin = "not_admin";
    public const string GroupFull = "group_full";
    public const string InvalidGroupName = "invalid_group_name";
    public const string WrongKind = "wrong_kind";
    public const string NotAMember = "not_a_member";
    public const string LastAdmin = "last_admin";

    // Operator.
    public const string Forbidden = "forbidden";
    public const string ReportNotFound = "report_not_found";
    public const string AlreadyResolved = "already_resolved";

    // HTTP.
    public const string InvalidBody = "invalid_body";
    public const string BodyTooLarge = "body_too_large";
    public const string InvalidHandle = "invalid_handle";
    public const string InvalidPassword = "invalid_password";
    public const string HandleTaken = "handle_taken";
    public const string InvalidCredentials = "invalid_credentials";
    public const string Unauthorized = "unauthorized";
    public const string NotWebSocket = "not_websocket";

    // Server side.
    public const string Unavailable = "unavailable";
}
