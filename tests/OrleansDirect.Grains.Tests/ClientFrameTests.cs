using System.Text;
using OrleansDirect.Gateway.Protocol;
using OrleansDirect.Gateway.WebSockets;

namespace OrleansDirect.Tests;

/// <summary>Frame limits the protocol declares, checked on the parser (some cannot be reached through a default-sized frame).</summary>
[Trait("Category", "Unit")]
public sealed class ClientFrameTests
{
    private static ClientFrame Parse(string json) => ClientFrame.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void RequestId_IsLimitedTo64Characters()
    {
        Assert.Equal(new string('r', 64), Parse($"{{\"type\":\"ping\",\"id\":\"{new string('r', 64)}\"}}").Id);
        var error = Assert.Throws<FrameException>(() => Parse($"{{\"type\":\"ping\",\"id\":\"{new string('r', 65)}\"}}"));
        Assert.Equal((ErrorCodes.InvalidField, "id"), (error.Code, error.Field));
    }

    [Fact]
    public void Token_IsLimitedToItsDeclaredLength()
    {
        var max = ClientConnection.MaxTokenLength;
        Assert.Equal(max, Parse($"{{\"type\":\"auth\",\"token\":\"{new string('t', max)}\"}}").RequiredString("token", max).Length);
        var error = Assert.Throws<FrameException>(() =>
            Parse($"{{\"type\":\"auth\",\"token\":\"{new string('t', max + 1)}\"}}").RequiredString("token", max));
        Assert.Equal((ErrorCodes.InvalidField, "token"), (error.Code, error.Field));
    }

    [Fact]
    public void SyncCursors_AreLimitedToTheirDeclaredCount()
    {
        static string Cursors(int count) =>
            "{\"type\":\"sync\",\"cursors\":{" + string.Join(',', Enumerable.Range(0, count).Select(i => $"\"c{i}\":1")) + "}}";
        var max = ClientConnection.MaxSyncCursors;

        Assert.Equal(max, Parse(Cursors(max)).OptionalSeqMap("cursors", max, 128).Count);
        var error = Assert.Throws<FrameException>(() => Parse(Cursors(max + 1)).OptionalSeqMap("cursors", max, 128));
        Assert.Equal((ErrorCodes.InvalidField, "cursors"), (error.Code, error.Field));
    }
}
