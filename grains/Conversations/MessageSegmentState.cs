namespace OrleansDirect.Conversations;

/// <summary>Persisted state of <see cref="MessageSegmentGrain"/>: at most <see cref="IMessageSegmentGrain.Size"/> messages.</summary>
[GenerateSerializer, Alias("OrleansDirect.Conversations.MessageSegmentState")]
public sealed class MessageSegmentState
{
    /// <summary>Messages in ascending sequence order.</summary>
    [Id(0)] public List<ChatMessage> Messages { get; set; } = [];
}
