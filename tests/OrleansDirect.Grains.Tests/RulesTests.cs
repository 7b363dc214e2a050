using OrleansDirect.Conversations;
using OrleansDirect.Validation;

namespace OrleansDirect.Tests;

[Trait("Category", "Unit")]
public sealed class RulesTests
{
    [Theory]
    [InlineData("abc", "abc")]
    [InlineData("Alice.Smith_99", "alice.smith_99")]
    [InlineData("a23456789012345678901234567890", "a23456789012345678901234567890")]
    [InlineData("ab", null)]
    [InlineData("a234567890123456789012345678901", null)]
    [InlineData(".abc", null)]
    [InlineData("abc.", null)]
    [InlineData("a..b", null)]
    [InlineData("al ice", null)]
    [InlineData("ali-ce", null)]
    [InlineData("\u212Aelvin", null)]
    [InlineData("ålice", null)]
    [InlineData(null, null)]
    public void HandleRules_Normalize_AppliesDocumentedRules(string? handle, string? expected) =>
        Assert.Equal(expected, HandleRules.Normalize(handle));

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    [InlineData(256, true)]
    [InlineData(257, false)]
    public void PasswordRules_EnforceLengthLimits(int length, bool ok) =>
        Assert.Equal(ok, PasswordRules.IsAcceptable(new string('p', length)));

    [Theory]
    [InlineData(4096, TextStatus.Ok)]
    [InlineData(4097, TextStatus.TooLong)]
    [InlineData(0, TextStatus.Empty)]
    public void MessageRules_CheckText_EnforcesLengthLimit(int length, TextStatus expected) =>
        Assert.Equal(expected, MessageRules.CheckText(new string('x', length)));

    [Theory]
    [InlineData("line\nbreak\tand tab", TextStatus.Ok)]
    [InlineData("emoji 😀", TextStatus.Ok)]
    [InlineData("   ", TextStatus.Empty)]
    [InlineData("nul\0", TextStatus.InvalidCharacters)]
    [InlineData("esc\u001b[31m", TextStatus.InvalidCharacters)]
    public void MessageRules_CheckText_RejectsControlCharacters(string text, TextStatus expected) =>
        Assert.Equal(expected, MessageRules.CheckText(text));

    [Theory]
    [InlineData("a", true)]
    [InlineData("web-1:2026.11_23", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("émoji", false)]
    public void MessageRules_ClientMessageId_AppliesCharset(string id, bool ok) =>
        Assert.Equal(ok, MessageRules.IsValidClientMessageId(id));

    [Fact]
    public void MessageRules_ClientMessageId_EnforcesLengthLimit()
    {
        Assert.True(MessageRules.IsValidClientMessageId(new string('c', 64)));
        Assert.False(MessageRules.IsValidClientMessageId(new string('c', 65)));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public void MessageRules_PageSize_IsCapped(int limit, bool ok) => Assert.Equal(ok, MessageRules.IsValidPageSize(limit));

    [Fact]
    public void ConversationIds_Direct_IsDeterministicAndOrderIndependent()
    {
        var id = ConversationIds.Direct("u_a", "u_b");

        Assert.Equal(id, ConversationIds.Direct("u_b", "u_a"));
        Assert.NotEqual(id, ConversationIds.Direct("u_a", "u_c"));
        Assert.True(ConversationIds.IsWellFormed(id));
        Assert.DoesNotContain("u_a", id, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dm_0123456789abcdef0123456789abcdef", true)]
    [InlineData("dm_0123456789ABCDEF0123456789abcdef", false)]
    [InlineData("dm_0123456789abcdef", false)]
    [InlineData("g_0123456789abcdef0123456789abcdef", true)]
    [InlineData("g_0123456789abcdef0123456789abcde", false)]
    [InlineData("gg0123456789abcdef0123456789abcdef", false)]
    [InlineData(null, false)]
    public void ConversationIds_IsWellFormed_ChecksShape(string? id, bool ok) => Assert.Equal(ok, ConversationIds.IsWellFormed(id));
}
