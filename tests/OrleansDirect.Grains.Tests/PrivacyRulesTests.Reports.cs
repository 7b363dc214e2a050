using System.Globalization;
using OrleansDirect.Conversations;
using OrleansDirect.Hosting;
using OrleansDirect.Reports;
using OrleansDirect.Social;

namespace OrleansDirect.Tests;

/// <summary>Report shape rules and the privacy, rate limit and report options validators.</summary>
public sealed partial class PrivacyRulesTests
{
    private static readonly string Dm = ConversationIds.Direct("u_a", "u_b");

    [Fact]
    public void ReportPolicy_MessageReport_AddsTheReportedMessageToTheEvidence()
    {
        Assert.Equal(new long[] { 7 }, Evidence(Report(ReportTarget.Message, Dm, seq: 7)));
        Assert.Equal(new long[] { 5, 6, 7 }, Evidence(Report(ReportTarget.Message, Dm, seq: 7, evidence: [5, 6])));
        Assert.Equal(new long[] { 7, 5 }, Evidence(Report(ReportTarget.Message, Dm, seq: 7, evidence: [7, 5])));
    }

    [Fact]
    public void ReportPolicy_MessageReport_NeedsConversationAndSeqAndNoAccount()
    {
        Assert.Null(Evidence(Report(ReportTarget.Message, seq: 7)));
        Assert.Null(Evidence(Report(ReportTarget.Message, Dm)));
        Assert.Null(Evidence(Report(ReportTarget.Message, Dm, seq: 0)));
        Assert.Null(Evidence(Report(ReportTarget.Message, Dm, seq: -1)));
        Assert.Null(Evidence(Report(ReportTarget.Message, Dm, seq: 7, accountId: "u_b")));
    }

    [Fact]
    public void ReportPolicy_Evidence_IsCappedAtThirtyIncludingTheReportedMessage()
    {
        long[] thirty = [.. Enumerable.Range(1, ReportRules.MaxEvidence).Select(i => (long)i)];
        long[] thirtyOne = [.. thirty, ReportRules.MaxEvidence + 1];

        Assert.Equal(thirty, Evidence(Report(ReportTarget.Conversation, Dm, evidence: thirty)));
        Assert.Null(Evidence(Report(ReportTarget.Conversation, Dm, evidence: thirtyOne)));
        Assert.Null(Evidence(Report(ReportTarget.Account, Dm, accountId: "u_b", evidence: thirtyOne)));
        Assert.Equal(thirty, Evidence(Report(ReportTarget.Message, Dm, seq: 30, evidence: thirty)));
        Assert.Equal(thirty, Evidence(Report(ReportTarget.Message, Dm, seq: 30, evidence: thirty[..29])));
        Assert.Null(Evidence(Report(ReportTarget.Message, Dm, seq: 31, evidence: thirty)));
    }

    [Fact]
    public void ReportPolicy_Evidence_RefusesRepeatsNonPositiveSeqsAndEvidenceWithoutAConversation()
    {
        Assert.Null(Evidence(Report(ReportTarget.Conversation, Dm, evidence: [3, 3])));
        Assert.Null(Evidence(Report(ReportTarget.Message, Dm, seq: 7, evidence: [3, 4, 3])));
        Assert.Null(Evidence(Report(ReportTarget.Conversation, Dm, evidence: [0])));
        Assert.Null(Evidence(Report(ReportTarget.Conversation, Dm, evidence: [-2])));
        Assert.Null(Evidence(Report(ReportTarget.Account, accountId: "u_b", evidence: [1])));
        Assert.Equal(new long[] { 1 }, Evidence(Report(ReportTarget.Account, Dm, accountId: "u_b", evidence: [1])));
    }

    [Fact]
    public void ReportPolicy_ConversationReport_NeedsTheConversationOnly()
    {
        var evidence = Evidence(Report(ReportTarget.Conversation, Dm));
        Assert.NotNull(evidence);
        Assert.Empty(evidence);

        Assert.Null(Evidence(Report(ReportTarget.Conversation)));
        Assert.Null(Evidence(Report(ReportTarget.Conversation, Dm, seq: 7)));
        Assert.Null(Evidence(Report(ReportTarget.Conversation, Dm, accountId: "u_b")));
    }

    [Fact]
    public void ReportPolicy_AccountReport_NeedsTheAccount()
    {
        var evidence = Evidence(Report(ReportTarget.Account, accountId: "u_b"));
        Assert.NotNull(evidence);
        Assert.Empty(evidence);

        Assert.Null(Evidence(Report(ReportTarget.Account)));
        Assert.Null(Evidence(Report(ReportTarget.Account, accountId: "")));
        Assert.Null(Evidence(Report(ReportTarget.Account, Dm, seq: 7, accountId: "u_b")));
    }

    [Fact]
    public void ReportPolicy_Note_IsLimitedAndPlain()
    {
        Assert.NotNull(Evidence(Report(ReportTarget.Account, accountId: "u_b", note: new string('n', ReportRules.MaxNoteLength))));
        Assert.NotNull(Evidence(Report(ReportTarget.Account, accountId: "u_b", note: "line\r\nbreak\tand tab")));
        Assert.Null(Evidence(Report(ReportTarget.Account, accountId: "u_b", note: new string('n', ReportRules.MaxNoteLength + 1))));
        Assert.Null(Evidence(Report(ReportTarget.Account, accountId: "u_b", note: "bell\u0007")));
        Assert.Null(Evidence(Report(ReportTarget.Account, accountId: "u_b", note: "esc\u001b[31m")));
    }

    [Fact]
    public void ReportPolicy_MalformedConversationIdOrUndefinedEnums_AreRefused()
    {
        Assert.Null(Evidence(Report(ReportTarget.Conversation, "dm_123")));
        Assert.Null(Evidence(Report(ReportTarget.Conversation, Dm.ToUpperInvariant())));
        Assert.Null(Evidence(Report(ReportTarget.Conversation, "gc_" + Dm[3..])));
        Assert.Null(Evidence(Report(ReportTarget.Message, Dm + "0", seq: 7)));
        Assert.Null(Evidence(Report(ReportTarget.Account, "u_a|u_b", accountId: "u_b")));
        Assert.Null(Evidence(Report((ReportTarget)9, Dm)));
        Assert.Null(Evidence(Report(ReportTarget.Conversation, Dm) with { Reason = (ReportReason)99 }));
    }

    [Fact]
    public void PrivacyValidators_DefaultsAndEdgeValues_AreValid()
    {
        Assert.True(new PrivacyOptionsValidator().Validate(null, new PrivacyOptions()).Succeeded);
        Assert.True(new RateLimitOptionsValidator().Validate(null, new RateLimitOptions()).Succeeded);
        Assert.True(new ReportOptionsValidator().Validate(null, new ReportOptions()).Succeeded);

        Assert.True(new PrivacyOptionsValidator().Validate(null, new PrivacyOptions
        {
            NewAccountAge = TimeSpan.Zero,
            MaxFollowing = 100_000,
            MaxBlocked = 1,
            DefaultHiddenWords = ["spam", "cheap pills", new string('w', HiddenWords.MaxWordLength)],
        }).Succeeded);
        Assert.True(new RateLimitOptionsValidator().Validate(null, new RateLimitOptions { MessagesPerSecond = 0.01, MessageBurst = 1 }).Succeeded);
        Assert.True(new ReportOptionsValidator().Validate(null, new ReportOptions { OperatorKey = new string('k', ReportOptionsValidator.MinimumKeyLength) }).Succeeded);
    }

    [Fact]
    public void PrivacyValidators_OutOfRangeSettings_FailNamingTheSettingAndItsVariable()
    {
        var privacy = new PrivacyOptionsValidator();
        AssertNames(privacy.Validate(null, new PrivacyOptions { NewAccountAge = TimeSpan.FromSeconds(-1) }).FailureMessage, "Privacy:NewAccountAge", "Privacy__NewAccountAge");
        AssertNames(privacy.Validate(null, new PrivacyOptions { NewAccountAge = TimeSpan.FromDays(366) }).FailureMessage, "Privacy:NewAccountAge", "Privacy__NewAccountAge");
        AssertNames(privacy.Validate(null, new PrivacyOptions { MaxFollowing = 0 }).FailureMessage, "Privacy:MaxFollowing", "Privacy__MaxFollowing");
        AssertNames(privacy.Validate(null, new PrivacyOptions { MaxFollowing = 100_001 }).FailureMessage, "Privacy:MaxFollowing", "Privacy__MaxFollowing");
        AssertNames(privacy.Validate(null, new PrivacyOptions { MaxBlocked = 0 }).FailureMessage, "Privacy:MaxBlocked", "Privacy__MaxBlocked");
        AssertNames(privacy.Validate(null, new PrivacyOptions { MaxRestricted = 100_001 }).FailureMessage, "Privacy:MaxRestricted", "Privacy__MaxRestricted");
        AssertNames(privacy.Validate(null, new PrivacyOptions { FollowersPerSegment = 9 }).FailureMessage, "Privacy:FollowersPerSegment", "Privacy__FollowersPerSegment");
        AssertNames(privacy.Validate(null, new PrivacyOptions { FollowersPerSegment = 10_001 }).FailureMessage, "Privacy:FollowersPerSegment", "Privacy__FollowersPerSegment");

        var rates = new RateLimitOptionsValidator();
        AssertNames(rates.Validate(null, new RateLimitOptions { MessagesPerSecond = 0 }).FailureMessage, "RateLimits:MessagesPerSecond", "RateLimits__MessagesPerSecond");
        AssertNames(rates.Validate(null, new RateLimitOptions { MessagesPerSecond = double.NaN }).FailureMessage, "RateLimits:MessagesPerSecond", "RateLimits__MessagesPerSecond");
        AssertNames(rates.Validate(null, new RateLimitOptions { MessagesPerSecond = 10_001 }).FailureMessage, "RateLimits:MessagesPerSecond", "RateLimits__MessagesPerSecond");
        AssertNames(rates.Validate(null, new RateLimitOptions { MessageBurst = 0 }).FailureMessage, "RateLimits:MessageBurst", "RateLimits__MessageBurst");
        AssertNames(rates.Validate(null, new RateLimitOptions { NewConversationsPerHour = 0 }).FailureMessage, "RateLimits:NewConversationsPerHour", "RateLimits__NewConversationsPerHour");
        AssertNames(rates.Validate(null, new RateLimitOptions { RequestsPerHour = 0 }).FailureMessage, "RateLimits:RequestsPerHour", "RateLimits__RequestsPerHour");
        AssertNames(rates.Validate(null, new RateLimitOptions { FollowsPerHour = 1_000_001 }).FailureMessage, "RateLimits:FollowsPerHour", "RateLimits__FollowsPerHour");
        AssertNames(rates.Validate(null, new RateLimitOptions { ReportsPerHour = 0 }).FailureMessage, "RateLimits:ReportsPerHour", "RateLimits__ReportsPerHour");
        AssertNames(rates.Validate(null, new RateLimitOptions { TypingPerSecond = 0 }).FailureMessage, "RateLimits:TypingPerSecond", "RateLimits__TypingPerSecond");
        AssertNames(rates.Validate(null, new RateLimitOptions { TypingBurst = 0 }).FailureMessage, "RateLimits:TypingBurst", "RateLimits__TypingBurst");
        AssertNames(rates.Validate(null, new RateLimitOptions { UploadsPerHour = 0 }).FailureMessage, "RateLimits:UploadsPerHour", "RateLimits__UploadsPerHour");
        AssertNames(rates.Validate(null, new RateLimitOptions { ExportsPerDay = 10_001 }).FailureMessage, "RateLimits:ExportsPerDay", "RateLimits__ExportsPerDay");
    }

    [Fact]
    public void ReportOptionsValidator_OperatorKey_MustBeLongEnoughWhenSet()
    {
        var reports = new ReportOptionsValidator();

        AssertNames(reports.Validate(null, new ReportOptions { OperatorKey = new string('k', ReportOptionsValidator.MinimumKeyLength - 1) }).FailureMessage,
            "Reports:OperatorKey", "Reports__OperatorKey");
        AssertNames(reports.Validate(null, new ReportOptions { OperatorKey = "" }).FailureMessage, "Reports:OperatorKey", "Reports__OperatorKey");
        Assert.True(reports.Validate(null, new ReportOptions { OperatorKey = null }).Succeeded);
        Assert.Equal(32, ReportOptionsValidator.MinimumKeyLength);
    }

    [Fact]
    public void PrivacyOptionsValidator_BadDefaultHiddenWords_Fail()
    {
        var privacy = new PrivacyOptionsValidator();
        List<string> tooMany = [.. Enumerable.Range(0, HiddenWords.MaxWords + 1).Select(i => "w" + i.ToString(CultureInfo.InvariantCulture))];

        AssertNames(privacy.Validate(null, new PrivacyOptions { DefaultHiddenWords = ["ok", "bad\u0001word"] }).FailureMessage, "Privacy:DefaultHiddenWords");
        AssertNames(privacy.Validate(null, new PrivacyOptions { DefaultHiddenWords = ["  "] }).FailureMessage, "Privacy:DefaultHiddenWords");
        AssertNames(privacy.Validate(null, new PrivacyOptions { DefaultHiddenWords = [new string('w', HiddenWords.MaxWordLength + 1)] }).FailureMessage,
            "Privacy:DefaultHiddenWords");
        AssertNames(privacy.Validate(null, new PrivacyOptions { DefaultHiddenWords = tooMany }).FailureMessage, "Privacy:DefaultHiddenWords");
    }

    private static ReportDraft Report(
        ReportTarget target, string? conversationId = null, long? seq = null, string? accountId = null, long[]? evidence = null, string? note = null) =>
        new(target, conversationId, seq, accountId, ReportReason.Spam, note, evidence ?? [], Block: false);

    private static long[]? Evidence(ReportDraft draft) => ReportPolicy.Check(draft)?.ToArray();

    private static void AssertNames(string? message, params string[] names)
    {
        Assert.NotNull(message);
        foreach (var name in names)
        {
            Assert.Contains(name, message, StringComparison.Ordinal);
        }
    }
}
