using System.Globalization;
using System.Text;

namespace OrleansDirect.Inbox;

/// <summary>Inbox order (newest activity first, then conversation id) and its opaque page cursor.</summary>
internal readonly record struct InboxCursor(long ActivityTicks, string ConversationId) : IComparable<InboxCursor>
{
    /// <summary>Position in inbox order: smaller sorts first.</summary>
    public int CompareTo(InboxCursor other)
    {
        var byTime = other.ActivityTicks.CompareTo(ActivityTicks);
        return byTime != 0 ? byTime : string.CompareOrdinal(ConversationId, other.ConversationId);
    }

    public string Encode() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ActivityTicks.ToString(CultureInfo.InvariantCulture)}|{ConversationId}"));

    public static bool TryDecode(string cursor, out InboxCursor value)
    {
        value = default;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            if (bar <= 0 || !long.TryParse(text.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
            {
                return false;
            }

            value = new InboxCursor(ticks, text[(bar + 1)..]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
