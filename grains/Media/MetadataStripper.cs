using System.Buffers.Binary;

namespace OrleansDirect.Media;

/// <summary>
/// Removes location and camera metadata from photos while copying them, without loading them whole: in JPEG the EXIF
/// and XMP (APP1), IPTC (APP13) and comment segments; in PNG the eXIf, tEXt, zTXt, iTXt (which carries XMP) and tIME
/// chunks. Image data is copied unchanged. Other formats are copied as they are.
/// </summary>
public static class MetadataStripper
{
    /// <summary>Copies <paramref name="input"/> to <paramref name="output"/> without metadata; false when a photo is malformed.</summary>
    public static async Task<bool> CopyAsync(string contentType, Stream input, Stream output, CancellationToken cancellation = default)
    {
        switch (contentType)
        {
            case "image/jpeg":
                return await StripJpegAsync(input, output, cancellation);
            case "image/png":
                return await StripPngAsync(input, output, cancellation);
            default:
                await input.CopyToAsync(output, cancellation);
                return true;
        }
    }

    private static async Task<bool> StripJpegAsync(Stream input, Stream output, CancellationToken cancellation)
    {
        var marker = new byte[2];
        if (!await ReadExactlyAsync(input, marker, cancellation) || marker[0] != 0xFF || marker[1] != 0xD8)
        {
            return false;
        }

        await output.WriteAsync(marker, cancellation);
        while (true)
        {
            if (!await ReadExactlyAsync(input, marker, cancellation) || marker[0] != 0xFF)
            {
                return false;
            }

            var type = marker[1];
            if (type == 0xD9)
            {
                await output.WriteAsync(marker, cancellation);
                return true;
            }

            var lengthBytes = new byte[2];
            if (!await ReadExactlyAsync(input, lengthBytes, cancellation))
            {
                return false;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(lengthBytes);
            if (length < 2)
            {
                return false;
            }

            var body = new byte[length - 2];
            if (!await ReadExactlyAsync(input, body, cancellation))
            {
                return false;
            }

            // APP1 (EXIF, XMP), APP13 (IPTC) and COM carry who, where and with what; everything else is image data.
            if (type is 0xE1 or 0xED or 0xFE)
            {
                continue;
            }

            await output.WriteAsync(marker, cancellation);
            await output.WriteAsync(lengthBytes, cancellation);
            await output.WriteAsync(body, cancellation);

            // Start of scan: the entropy-coded data and the rest of the file follow unchanged.
            if (type == 0xDA)
            {
                await input.CopyToAsync(output, cancellation);
                return true;
            }
        }
    }

    private static async Task<bool> StripPngAsync(Stream input, Stream output, CancellationToken cancellation)
    {
        var signature = new byte[8];
        if (!await ReadExactlyAsync(input, signature, cancellation))
        {
            return false;
        }

        await output.WriteAsync(signature, cancellation);
        var header = new byte[8];
        while (await ReadExactlyAsync(input, header, cancellation))
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(header);

            // A chunk cannot be longer than what is left of the file: checked before anything is allocated.
            if (length > int.MaxValue - 4 || (input.CanSeek && length + 4L > input.Length - input.Position))
            {
                return false;
            }

            var type = System.Text.Encoding.ASCII.GetString(header, 4, 4);
            var rest = new byte[length + 4]; // data and CRC
            if (!await ReadExactlyAsync(input, rest, cancellation))
            {
                return false;
            }

            if (type is "eXIf" or "tEXt" or "zTXt" or "iTXt" or "tIME")
            {
                continue;
            }

            await output.WriteAsync(header, cancellation);
            await output.WriteAsync(rest, cancellation);
            if (type == "IEND")
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<bool> ReadExactlyAsync(Stream input, byte[] buffer, CancellationToken cancellation)
    {
        try
        {
            await input.ReadExactlyAsync(buffer, cancellation);
            return true;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
    }
}
