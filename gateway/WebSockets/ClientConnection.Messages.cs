using OrleansDirect.Conversations;
using OrleansDirect.Gateway.Protocol;
using OrleansDirect.Validation;

namespace OrleansDirect.Gateway.WebSockets;

// Changes to messages: unsend, delete for me, reactions, edits. The conversation grain decides who may change what.
public sealed partial class ClientConnection
{
    private Task MessageActionAsync(string userId, ClientFrame frame, Func<IConversationGrain, long, Task<ConversationStatus>> action)
    {
        var seq = frame.RequiredSeq("seq");
        return ConversationActionAsync(userId, frame, c => action(c, seq));
    }

    private Task ReactAsync(string userId, ClientFrame frame)
    {
        // An absent or null emoji removes the caller's reaction.
        var emoji = frame.OptionalString("emoji", MessageRules.MaxReactionLength * 4);
        return MessageActionAsync(userId, frame, (c, seq) => c.ReactAsync(userId, seq, emoji));
    }

    private Task SetDisappearingAsync(string userId, ClientFrame frame)
    {
        var modeName = frame.RequiredString("mode", 32);
        if (!WireNames.TryParse<DisappearingMode>(modeName, out var mode))
        {
            throw new FrameException(ErrorCodes.InvalidField, $"'mode' must be one of {WireNames.All<DisappearingMode>()}.", "mode") { ReplyTo = frame.Id };
        }

        var seconds = frame.OptionalSeq("timerSeconds");
        var timer = seconds is { } s && s <= (long)TimeSpan.MaxValue.TotalSeconds / 2 ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
        return ConversationActionAsync(userId, frame, c => c.SetDisappearingAsync(userId, mode, timer));
    }

    private Task EditAsync(string userId, ClientFrame frame)
    {
        var text = frame.RequiredString("text", int.MaxValue);
        return MessageActionAsync(userId, frame, (c, seq) => c.EditAsync(userId, seq, text));
    }
}
