using OrleansDirect.Conversations;
using OrleansDirect.Gateway.Protocol;
using OrleansDirect.Inbox;
using OrleansDirect.Reports;
using OrleansDirect.Social;
using OrleansDirect.Validation;

namespace OrleansDirect.Tests;

/// <summary>Shape rules: hidden words, link previews on drafts, and the wire spellings of the privacy enums.</summary>
public sealed partial class PrivacyRulesTests
{
    /// <summary>Holds every candidate URL below, so a refusal is about the URL itself and not about its absence from the text.</summary>
    private static readonly string LinkText = "see https://example.com/a?b=1, http://example.org, ftp://example.com/f, javascript:alert(1) and /relative";

    [Theory]
    [InlineData("spam", "spam")]
    [InlineData("  Cheap Pills \n", "cheap pills")]
    [InlineData("ÜBER", "über")]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    [InlineData("tab\tinside", null)]
    [InlineData("nul\0", null)]
    [InlineData("esc\u001b[31m", null)]
    public void HiddenWords_Normalize_TrimsLowerCasesAndRefusesBadShapes(string? word, string? expected) =>
        Assert.Equal(expected, HiddenWords.Normalize(word));

    [Fact]
    public void HiddenWords_Normalize_LimitsLengthAfterTrimming()
    {
        var longest = new string('w', HiddenWords.MaxWordLength);

        Assert.Equal(longest, HiddenWords.Normalize("  " + longest + "  "));
        Assert.Null(HiddenWords.Normalize(longest + "w"));
    }

    [Theory]
    [InlineData("ASS!", "ass", true)]
    [InlineData("you ass", "ass", true)]
    [InlineData("ass", "ass", true)]
    [InlineData("class", "ass", false)]
    [InlineData("assess", "ass", false)]
    [InlineData("ass1", "ass", false)]
    [InlineData("first class, then ass", "ass", true)]
    [InlineData("Buy CHEAP PILLS today", "cheap pills", true)]
    [InlineData("cheap pillsbury", "cheap pills", false)]
    [InlineData("cheap, pills", "cheap pills", false)]
    [InlineData("Das ist ÜBER gut", "über", true)]
    [InlineData("überall", "über", false)]
    [InlineData("garçon", "gar", false)]
    [InlineData("éclair", "clair", false)]
    [InlineData("", "spam", false)]
    public void HiddenWords_Matches_WholeWordsAndPhrasesIgnoringCase(string text, string word, bool matches) =>
        Assert.Equal(matches, HiddenWords.Matches(text, [word]));

    [Fact]
    public void HiddenWords_Matches_AnyOfTheWords()
    {
        Assert.True(HiddenWords.Matches("totally legit offer", ["spam", "offer"]));
        Assert.False(HiddenWords.Matches("totally legit offers", ["spam", "offer"]));
        Assert.False(HiddenWords.Matches("anything at all", []));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(15 * 60, true)]
    [InlineData(15 * 60 + 1, false)]
    [InlineData(-5, true)]
    public void EditWindow_Is15MinutesFromSending(int secondsLater, bool editable)
    {
        var sent = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(editable, MessageRules.IsWithinEditWindow(sent, sent.AddSeconds(secondsLater)));
    }

    [Theory]
    [InlineData("👍", true)]
    [InlineData("❤️", true)]
    [InlineData("👩‍👩‍👧‍👦", true)]
    [InlineData("", false)]
    [InlineData("a b", false)]
    [InlineData("x\u0007", false)]
    [InlineData("seventeen-chars!!", false)]
    public void Reactions_AreShortAndHaveNoSpaces(string emoji, bool valid) => Assert.Equal(valid, MessageRules.IsValidReaction(emoji));

    [Fact]
    public void HiddenWords_BuiltInList_IsCanonicalAndMatchesWholeWordsOnly()
    {
        Assert.All(HiddenWords.BuiltIn, w => Assert.Equal(w, HiddenWords.Normalize(w)));
        Assert.Equal(HiddenWords.BuiltIn.Count, HiddenWords.BuiltIn.Distinct(StringComparer.Ordinal).Count());
        Assert.True(HiddenWords.Matches("Send NUDES now", HiddenWords.BuiltIn));
        Assert.False(HiddenWords.Matches("a closer look at the lotus", HiddenWords.BuiltIn));
        Assert.False(HiddenWords.Matches("see you at the lake tomorrow", HiddenWords.BuiltIn));
    }

    [Theory]
    [InlineData("https://example.com/a?b=1", "Example", null, ConversationStatus.Ok)]
    [InlineData("http://example.org", "Example", "A page", ConversationStatus.Ok)]
    [InlineData("https://example.com/a?b=1", "Example", "", ConversationStatus.Ok)]
    [InlineData("ftp://example.com/f", "Example", null, ConversationStatus.InvalidLinkPreview)]
    [InlineData("javascript:alert(1)", "Example", null, ConversationStatus.InvalidLinkPreview)]
    [InlineData("/relative", "Example", null, ConversationStatus.InvalidLinkPreview)]
    [InlineData("https://example.net/", "Example", null, ConversationStatus.InvalidLinkPreview)]
    [InlineData("https://example.com/a?b=1", "", null, ConversationStatus.InvalidLinkPreview)]
    [InlineData("https://example.com/a?b=1", "   ", null, ConversationStatus.InvalidLinkPreview)]
    [InlineData("https://example.com/a?b=1", "Ex\u0007ample", null, ConversationStatus.InvalidLinkPreview)]
    [InlineData("https://example.com/a?b=1", "Example", "two\nlines", ConversationStatus.InvalidLinkPreview)]
    public void CheckDraft_LinkPreview_NeedsAnHttpUrlFromTheTextAndAPlainTitle(string url, string title, string? description, ConversationStatus expected) =>
        Assert.Equal(expected, MessageRules.CheckDraft(new MessageDraft("c1", LinkText, new LinkPreview(url, title, description))));

    [Fact]
    public void CheckDraft_LinkPreview_EnforcesEachLengthLimit()
    {
        // "https://example.com/" is 20 characters.
        var url = "https://example.com/" + new string('p', LinkPreviewRules.MaxUrlLength - 20);
        var title = new string('t', LinkPreviewRules.MaxTitleLength);
        var description = new string('d', LinkPreviewRules.MaxDescriptionLength);

        Assert.Equal(ConversationStatus.Ok, Check(url, title, description));
        Assert.Equal(ConversationStatus.InvalidLinkPreview, Check(url + "p", title, description));
        Assert.Equal(ConversationStatus.InvalidLinkPreview, Check(url, title + "t", description));
        Assert.Equal(ConversationStatus.InvalidLinkPreview, Check(url, title, description + "d"));

        // The text holds the longest URL and one character more, so only the length decides.
        static ConversationStatus Check(string u, string t, string d) =>
            MessageRules.CheckDraft(new MessageDraft("c1", "link: " + u + "p", new LinkPreview(u, t, d)));
    }

    [Fact]
    public void CheckDraft_IdAndText_AreCheckedBeforeThePreview()
    {
        var bad = new LinkPreview("ftp://example.com/f", "", null);

        Assert.Equal(ConversationStatus.InvalidClientMessageId, MessageRules.CheckDraft(new MessageDraft("bad id", "hi", bad)));
        Assert.Equal(ConversationStatus.EmptyText, MessageRules.CheckDraft(new MessageDraft("c1", " ", bad)));
        Assert.Equal(ConversationStatus.InvalidLinkPreview, MessageRules.CheckDraft(new MessageDraft("c1", "hi", bad)));
        Assert.Equal(ConversationStatus.Ok, MessageRules.CheckDraft(new MessageDraft("c1", "no preview")));
        Assert.True(LinkPreviewRules.IsValid(Preview, "see https://example.com/a"));
    }

    [Fact]
    public void WireNames_Of_SpellsMemberNamesInSnakeCase()
    {
        Assert.Equal("hidden_requests", WireNames.Of(InboxFolder.HiddenRequests));
        Assert.Equal("inbox", WireNames.Of(InboxFolder.Inbox));
        Assert.Equal("self_harm", WireNames.Of(ReportReason.SelfHarm));
        Assert.Equal("mutuals", WireNames.Of(WhoCanMessage.Mutuals));
        Assert.Equal("private", WireNames.Of(ReceiptMode.Private));
        Assert.Equal("no_action", WireNames.Of(ReportOutcome.NoAction));
        Assert.Equal("conversation", WireNames.Of(ReportTarget.Conversation));
    }

    [Fact]
    public void WireNames_TryParse_RoundTripsEveryValue()
    {
        AssertRoundTrips<InboxFolder>();
        AssertRoundTrips<WhoCanMessage>();
        AssertRoundTrips<ReceiptMode>();
        AssertRoundTrips<ReportTarget>();
        AssertRoundTrips<ReportReason>();
        AssertRoundTrips<ReportOutcome>();
    }

    [Theory]
    [InlineData("HiddenRequests")]
    [InlineData("hiddenrequests")]
    [InlineData("Hidden_Requests")]
    [InlineData("SelfHarm")]
    [InlineData("self-harm")]
    [InlineData(" inbox")]
    [InlineData("1")]
    [InlineData("")]
    [InlineData(null)]
    public void WireNames_TryParse_RefusesAnyOtherSpelling(string? text)
    {
        Assert.False(WireNames.TryParse<InboxFolder>(text, out _));
        Assert.False(WireNames.TryParse<ReportReason>(text, out _));
    }

    private static void AssertRoundTrips<TEnum>()
        where TEnum : struct, Enum
    {
        var values = Enum.GetValues<TEnum>();
        foreach (var value in values)
        {
            var name = WireNames.Of(value);
            Assert.True(WireNames.TryParse<TEnum>(name, out var parsed), name);
            Assert.Equal(value, parsed);
        }

        Assert.Equal(values.Length, values.Select(v => WireNames.Of(v)).Distinct(StringComparer.Ordinal).Count());
    }
}
