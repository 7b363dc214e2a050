using System.Security.Cryptography;

namespace OrleansDirect.Media;

/// <summary>
/// Short-lived read tickets of one grain activation (a medium, an archive): issued after the access check, so that
/// each chunk read does not repeat it. Expired tickets are dropped whenever tickets are used.
/// </summary>
internal sealed class ReadTickets(TimeProvider clock, TimeSpan lifetime)
{
    /// <summary>Largest chunk one read returns.</summary>
    public const int MaxChunk = 256 * 1024;

    private readonly Dictionary<string, DateTimeOffset> _tickets = [];

    /// <summary>Live tickets.</summary>
    public int Count
    {
        get
        {
            Prune();
            return _tickets.Count;
        }
    }

    public string Issue()
    {
        Prune();
        var ticket = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _tickets[ticket] = clock.GetUtcNow() + lifetime;
        return ticket;
    }

    public bool IsValid(string ticket) => _tickets.TryGetValue(ticket, out var until) && until >= clock.GetUtcNow();

    public void Remove(string ticket) => _tickets.Remove(ticket);

    /// <summary>Reads up to <paramref name="count"/> bytes (at most <see cref="MaxChunk"/>) of a blob at an offset; null when it is gone.</summary>
    public static async Task<byte[]?> ReadChunkAsync(IBlobStore blobs, string name, long offset, int count)
    {
        if (offset < 0 || count <= 0)
        {
            return null;
        }

        await using var blob = blobs.OpenRead(name);
        if (blob is null)
        {
            return null;
        }

        blob.Seek(offset, SeekOrigin.Begin);
        var buffer = new byte[Math.Min(count, MaxChunk)];
        var read = await blob.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false);
        return read == buffer.Length ? buffer : buffer[..read];
    }

    private void Prune()
    {
        var now = clock.GetUtcNow();
        foreach (var stale in _tickets.Where(t => t.Value < now).Select(t => t.Key).ToList())
        {
            _tickets.Remove(stale);
        }
    }
}
