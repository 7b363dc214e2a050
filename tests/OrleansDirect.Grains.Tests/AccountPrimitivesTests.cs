using OrleansDirect.Accounts;
using OrleansDirect.Inbox;

namespace OrleansDirect.Tests;

[Trait("Category", "Unit")]
public sealed class AccountPrimitivesTests
{
    [Fact]
    public void PasswordHasher_VerifiesOnlyTheRightPasswordAndSaltsEachHash()
    {
        var hash = PasswordHasher.Hash("correct horse battery", 10_000);

        Assert.StartsWith("pbkdf2-sha512$10000$", hash, StringComparison.Ordinal);
        Assert.True(PasswordHasher.Verify("correct horse battery", hash));
        Assert.False(PasswordHasher.Verify("correct horse batterz", hash));
        Assert.NotEqual(hash, PasswordHasher.Hash("correct horse battery", 10_000));
    }

    [Theory]
    [InlineData("")]
    [InlineData("md5$1$abc$def")]
    [InlineData("pbkdf2-sha512$x$AAAA$AAAA")]
    [InlineData("pbkdf2-sha512$0$AAAA$AAAA")]
    public void PasswordHasher_RejectsMalformedHashes(string encoded) => Assert.False(PasswordHasher.Verify("pw", encoded));

    [Fact]
    public void SessionTokens_AreRandomPrefixedAndKeyedByHash()
    {
        var token = SessionTokens.NewToken();
        var key = SessionTokens.KeyOf(token);

        Assert.StartsWith("odt_", token, StringComparison.Ordinal);
        Assert.NotEqual(token, SessionTokens.NewToken());
        Assert.Equal(64, key!.Length);
        Assert.DoesNotContain(token[4..], key, StringComparison.Ordinal);
        Assert.Null(SessionTokens.KeyOf("odt_short"));
        Assert.Null(SessionTokens.KeyOf(null));
    }

    [Fact]
    public void InboxCursor_RoundTripsAndOrdersNewestFirst()
    {
        var newer = new InboxCursor(200, "dm_b");
        var older = new InboxCursor(100, "dm_a");

        Assert.True(InboxCursor.TryDecode(newer.Encode(), out var decoded));
        Assert.Equal(newer, decoded);
        Assert.True(newer.CompareTo(older) < 0);
        Assert.True(new InboxCursor(100, "dm_a").CompareTo(new InboxCursor(100, "dm_b")) < 0);
        Assert.False(InboxCursor.TryDecode("%%%", out _));
        Assert.False(InboxCursor.TryDecode(Convert.ToBase64String("no-bar"u8.ToArray()), out _));
    }
}
