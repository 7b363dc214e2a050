using System.Text.Json.Serialization;

namespace OrleansDirect.Gateway.Protocol;

/// <summary>Source-generated JSON for every frame and HTTP body: camelCase, nulls omitted.</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ErrorFrame))]
[JsonSerializable(typeof(ReadyFrame))]
[JsonSerializable(typeof(SentFrame))]
[JsonSerializable(typeof(MessageFrame))]
[JsonSerializable(typeof(ConversationFrame))]
[JsonSerializable(typeof(ConversationStartedFrame))]
[JsonSerializable(typeof(HistoryFrame))]
[JsonSerializable(typeof(InboxFrame))]
[JsonSerializable(typeof(GapFrame))]
[JsonSerializable(typeof(SyncDoneFrame))]
[JsonSerializable(typeof(ResyncFrame))]
[JsonSerializable(typeof(PongFrame))]
[JsonSerializable(typeof(OkFrame))]
[JsonSerializable(typeof(UserListFrame))]
[JsonSerializable(typeof(SettingsFrame))]
[JsonSerializable(typeof(HiddenWordsFrame))]
[JsonSerializable(typeof(ReportedFrame))]
[JsonSerializable(typeof(ReadMarkerFrame))]
[JsonSerializable(typeof(TypingFrame))]
[JsonSerializable(typeof(ConversationUpdatedFrame))]
[JsonSerializable(typeof(ConversationRemovedFrame))]
[JsonSerializable(typeof(CredentialsRequest))]
[JsonSerializable(typeof(ResolveReportRequest))]
[JsonSerializable(typeof(WireReportList))]
[JsonSerializable(typeof(WireReport))]
[JsonSerializable(typeof(ProfileResponse))]
[JsonSerializable(typeof(SessionResponse))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;
