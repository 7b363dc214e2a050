using System.Text;

namespace OrleansDirect.Media;

/// <summary>Detects a medium's format from its first bytes ("magic numbers"); a file name or declared type is never trusted.</summary>
public static class MediaSniffer
{
    /// <summary>Bytes needed to decide (fewer only at the end of a short upload).</summary>
    public const int HeaderLength = 64;

    /// <summary>The kind and MIME type of <paramref name="header"/>, or null when it is not an accepted format.</summary>
    public static (MediaKind Kind, string ContentType)? Detect(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith((byte[])[0xFF, 0xD8, 0xFF]))
        {
            return (MediaKind.Image, "image/jpeg");
        }

        if (header.StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return (MediaKind.Image, "image/png");
        }

        if (header.StartsWith("GIF87a"u8) || header.StartsWith("GIF89a"u8))
        {
            return (MediaKind.Image, "image/gif");
        }

        if (header.Length >= 12 && header.StartsWith("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8))
        {
            return (MediaKind.Image, "image/webp");
        }

        if (header.StartsWith((byte[])[0x1A, 0x45, 0xDF, 0xA3]) && Contains(header, "webm"u8))
        {
            return (MediaKind.Video, "video/webm");
        }

        if (header.StartsWith("OggS"u8) && Contains(header, "OpusHead"u8))
        {
            return (MediaKind.Voice, "audio/ogg");
        }

        if (header.Length >= 12 && header[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = Encoding.ASCII.GetString(header[8..12]);
            return brand switch
            {
                "M4A " or "M4B " => (MediaKind.Voice, "audio/mp4"),
                "isom" or "iso2" or "iso4" or "iso5" or "iso6" or "mp41" or "mp42" or "avc1" or "M4V " or "dash" => (MediaKind.Video, "video/mp4"),
                _ => null,
            };
        }

        return null;
    }

    private static bool Contains(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle) => haystack.IndexOf(needle) >= 0;
}
