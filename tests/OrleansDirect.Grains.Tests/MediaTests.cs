using System.Text;
using OrleansDirect.Media;

namespace OrleansDirect.Tests;

[Trait("Category", "Unit")]
public sealed class MediaTests
{
    public static TheoryData<byte[], MediaKind, string> Accepted => new()
    {
        { SampleMedia.JpegWithExif(), MediaKind.Image, "image/jpeg" },
        { SampleMedia.PngWithText(), MediaKind.Image, "image/png" },
        { [.. "GIF89a"u8, 1, 0, 1, 0], MediaKind.Image, "image/gif" },
        { [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBPVP8 "u8], MediaKind.Image, "image/webp" },
        { SampleMedia.Mp4(), MediaKind.Video, "video/mp4" },
        { [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84, .. "webm"u8], MediaKind.Video, "video/webm" },
        { SampleMedia.OggOpus(), MediaKind.Voice, "audio/ogg" },
        { [0, 0, 0, 32, .. "ftypM4A "u8, 0, 0, 0, 0], MediaKind.Voice, "audio/mp4" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Sniffer_DetectsTheKindFromTheContent(byte[] content, MediaKind kind, string contentType) =>
        Assert.Equal((kind, contentType), MediaSniffer.Detect(content));

    [Theory]
    [InlineData("%PDF-1.7 not a photo")]
    [InlineData("<svg xmlns='http://www.w3.org/2000/svg'/>")]
    [InlineData("GIF8")]
    [InlineData("")]
    public void Sniffer_RefusesEverythingElse(string content) => Assert.Null(MediaSniffer.Detect(Encoding.ASCII.GetBytes(content)));

    [Fact]
    public void Sniffer_RefusesMp4BrandsItDoesNotKnow() => Assert.Null(MediaSniffer.Detect([0, 0, 0, 24, .. "ftypqt  "u8, 0, 0, 0, 0]));

    [Fact]
    public async Task Stripper_RemovesExifAndCommentsFromJpeg_AndKeepsTheImage()
    {
        var original = SampleMedia.JpegWithExif();
        using var output = new MemoryStream();

        Assert.True(await MetadataStripper.CopyAsync("image/jpeg", new MemoryStream(original), output));

        var stripped = output.ToArray();
        Assert.DoesNotContain(SampleMedia.Location, Encoding.ASCII.GetString(stripped), StringComparison.Ordinal);
        Assert.Contains(SampleMedia.Location, Encoding.ASCII.GetString(original), StringComparison.Ordinal);
        Assert.Equal(original[^66..], stripped[^66..]); // the scan data and the end marker, unchanged
        Assert.Equal((byte[])[0xFF, 0xD8, 0xFF, 0xE0], stripped[..4]);
        Assert.Equal((MediaKind.Image, "image/jpeg"), MediaSniffer.Detect(stripped));
    }

    [Fact]
    public async Task Stripper_RemovesTextAndExifChunksFromPng_AndKeepsTheImage()
    {
        using var output = new MemoryStream();

        Assert.True(await MetadataStripper.CopyAsync("image/png", new MemoryStream(SampleMedia.PngWithText()), output));

        var text = Encoding.ASCII.GetString(output.ToArray());
        Assert.DoesNotContain(SampleMedia.Location, text, StringComparison.Ordinal);
        Assert.Contains("IHDR", text, StringComparison.Ordinal);
        Assert.Contains("IDAT", text, StringComparison.Ordinal);
        Assert.EndsWith("IEND\0\0\0\0", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("image/jpeg")]
    [InlineData("image/png")]
    public async Task Stripper_RefusesTruncatedPhotos(string contentType)
    {
        var whole = contentType == "image/jpeg" ? SampleMedia.JpegWithExif() : SampleMedia.PngWithText();

        Assert.False(await MetadataStripper.CopyAsync(contentType, new MemoryStream(whole[..20]), new MemoryStream()));
    }

    [Fact]
    public async Task Stripper_RefusesAChunkLongerThanTheFile_BeforeAllocatingIt()
    {
        byte[] lying = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x7F, 0xFF, 0xFF, 0xF0, .. "IDAT"u8, 1, 2, 3];
        var before = GC.GetAllocatedBytesForCurrentThread();

        Assert.False(await MetadataStripper.CopyAsync("image/png", new MemoryStream(lying), new MemoryStream()));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1024 * 1024, "no buffer sized by the claimed length");
    }

    [Fact]
    public async Task Stripper_CopiesOtherFormatsUnchanged()
    {
        var voice = SampleMedia.OggOpus();
        using var output = new MemoryStream();

        Assert.True(await MetadataStripper.CopyAsync("audio/ogg", new MemoryStream(voice), output));
        Assert.Equal(voice, output.ToArray());
    }

    [Theory]
    [InlineData("m_0123456789abcdef0123456789abcdef", true)]
    [InlineData("m_0123456789ABCDEF0123456789abcdef", false)]
    [InlineData("m_../../etc/passwd", false)]
    [InlineData(null, false)]
    public void MediaIds_HaveAFixedShape(string? id, bool ok) => Assert.Equal(ok, MediaIds.IsWellFormed(id));

    [Fact]
    public void BlobStore_RefusesNamesThatCouldLeaveItsDirectory()
    {
        var store = new DirectoryBlobStore(Path.Combine(Path.GetTempPath(), "od-blobs-" + Guid.NewGuid().ToString("N")));

        Assert.Throws<ArgumentException>(() => store.Exists("../escape"));
        Assert.Throws<ArgumentException>(() => store.Delete("a/b"));
    }
}
