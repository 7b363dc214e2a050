using System.Buffers.Binary;
using System.Text;

namespace OrleansDirect.Tests;

/// <summary>Small, well-formed media files for tests, with metadata where a real camera would put it.</summary>
public static class SampleMedia
{
    /// <summary>The location a "camera" wrote into the samples' metadata.</summary>
    public const string Location = "GPS 51.5007N 0.1246W";

    /// <summary>A JPEG with a JFIF header, an EXIF segment holding <see cref="Location"/>, a comment, and image data.</summary>
    public static byte[] JpegWithExif(int imageDataBytes = 64)
    {
        using var jpeg = new MemoryStream();
        jpeg.Write([0xFF, 0xD8]);
        Segment(jpeg, 0xE0, [.. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
        Segment(jpeg, 0xE1, [.. "Exif\0\0"u8, .. Encoding.ASCII.GetBytes(Location)]);
        Segment(jpeg, 0xFE, Encoding.ASCII.GetBytes("shot on a phone at " + Location));
        Segment(jpeg, 0xDB, new byte[65]);
        Segment(jpeg, 0xDA, [1, 1, 0, 0, 63, 0]);
        jpeg.Write(Enumerable.Range(0, imageDataBytes).Select(i => (byte)(i % 200)).ToArray());
        jpeg.Write([0xFF, 0xD9]);
        return jpeg.ToArray();
    }

    /// <summary>A PNG with IHDR, a tEXt chunk holding <see cref="Location"/>, an eXIf chunk, IDAT and IEND.</summary>
    public static byte[] PngWithText()
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
        Chunk(png, "tEXt", Encoding.ASCII.GetBytes("Location\0" + Location));
        Chunk(png, "eXIf", Encoding.ASCII.GetBytes(Location));
        Chunk(png, "IDAT", [0x78, 0x9C, 0x63, 0xF8, 0x0F, 0x00, 0x01, 0x01, 0x01, 0x00]);
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>The first bytes of an Ogg/Opus voice note, padded.</summary>
    public static byte[] OggOpus(int bytes = 256) => Pad([.. "OggS"u8, 0, 2, .. new byte[20], .. "OpusHead"u8], bytes);

    /// <summary>The first bytes of an MP4 video, padded.</summary>
    public static byte[] Mp4(int bytes = 256) => Pad([0, 0, 0, 24, .. "ftypisom"u8, 0, 0, 2, 0, .. "isomiso2"u8], bytes);

    private static byte[] Pad(byte[] head, int bytes) => [.. head, .. new byte[Math.Max(0, bytes - head.Length)]];

    private static void Segment(Stream s, byte marker, byte[] body)
    {
        s.Write([0xFF, marker]);
        var length = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)(body.Length + 2));
        s.Write(length);
        s.Write(body);
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)data.Length);
        Encoding.ASCII.GetBytes(type, header.AsSpan(4));
        s.Write(header);
        s.Write(data);
        s.Write(new byte[4]); // CRC: not checked by the stripper, which copies chunks it keeps byte for byte
    }
}
