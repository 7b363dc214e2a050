using System.Globalization;
using System.Text;
using OrleansDirect.Validation;

namespace OrleansDirect.Social;

/// <summary>
/// Paging over a user's bounded lists, newest first (ties by user id). The cursor encodes the last entry's position, so
/// entries added or removed between pages never make the caller skip one that stayed.
/// </summary>
internal static class UserListPaging
{
    public static UserListPage Page(IEnumerable<UserListEntry> entries, long total, UserListQuery query)
    {
        if (!MessageRules.IsValidPageSize(query.Limit))
        {
            return UserListPage.Refused(SocialStatus.InvalidQuery);
        }

        (long Ticks, string UserId) after = default;
        if (query.Cursor is not null && !TryDecode(query.Cursor, out after))
        {
            return UserListPage.Refused(SocialStatus.InvalidQuery);
        }

        var ordered = entries
            .Where(e => query.Cursor is null || Compare((e.Since.UtcTicks, e.UserId), after) > 0)
            .Order(Comparer<UserListEntry>.Create((x, y) => Compare((x.Since.UtcTicks, x.UserId), (y.Since.UtcTicks, y.UserId))))
            .Take(query.Limit + 1)
            .ToList();
        var page = ordered.Take(query.Limit).ToList();
        var next = ordered.Count > query.Limit ? Encode(page[^1].Since.UtcTicks, page[^1].UserId) : null;
        return new UserListPage(SocialStatus.Ok, page, next, total);
    }

    /// <summary>Order: newest first, then user id.</summary>
    public static int Compare((long Ticks, string UserId) x, (long Ticks, string UserId) y)
    {
        var byTime = y.Ticks.CompareTo(x.Ticks);
        return byTime != 0 ? byTime : string.CompareOrdinal(x.UserId, y.UserId);
    }

    public static string Encode(long ticks, string userId, long? segment = null) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $"{segment?.ToString(CultureInfo.InvariantCulture)}|{ticks.ToString(CultureInfo.InvariantCulture)}|{userId}"));

    public static bool TryDecode(string cursor, out (long Ticks, string UserId) position) =>
        TryDecode(cursor, out var segment, out position) && segment is null;

    public static bool TryDecode(string cursor, out long? segment, out (long Ticks, string UserId) position)
    {
        segment = null;
        position = default;
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split('|', 3);
            if (parts.Length != 3 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
            {
                return false;
            }

            if (parts[0].Length > 0)
            {
                if (!long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var s))
                {
                    return false;
                }

                segment = s;
            }

            position = (ticks, parts[2]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
