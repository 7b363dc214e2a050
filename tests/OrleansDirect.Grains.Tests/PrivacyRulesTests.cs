using OrleansDirect.Conversations;
using OrleansDirect.Inbox;
using OrleansDirect.Social;

namespace OrleansDirect.Tests;

/// <summary>
/// The pure privacy and safety rules, without a cluster. This part: <see cref="ContactPolicy"/>. The other parts cover
/// shape rules and wire names (.Shapes), rate limits and list paging (.Limits), reports and options (.Reports).
/// Expected values of internal enums are passed as their names, since a public test method cannot take an internal type.
/// </summary>
[Trait("Category", "Unit")]
public sealed partial class PrivacyRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan NewAccountAge = TimeSpan.FromDays(7);
    private static readonly LinkPreview Preview = new("https://example.com/a", "Example", "A page");
    private static readonly ChatMessage WithPreview = new(3, "u_a", "c3", "see https://example.com/a", Now, Preview);

    [Theory]
    [InlineData(WhoCanMessage.Everyone, true, true, nameof(Admission.Inbox))]
    [InlineData(WhoCanMessage.Everyone, true, false, nameof(Admission.Inbox))]
    [InlineData(WhoCanMessage.Everyone, false, true, nameof(Admission.Request))]
    [InlineData(WhoCanMessage.Everyone, false, false, nameof(Admission.Request))]
    [InlineData(WhoCanMessage.Followers, true, true, nameof(Admission.Inbox))]
    [InlineData(WhoCanMessage.Followers, true, false, nameof(Admission.Inbox))]
    [InlineData(WhoCanMessage.Followers, false, true, nameof(Admission.Request))]
    [InlineData(WhoCanMessage.Followers, false, false, nameof(Admission.Refused))]
    [InlineData(WhoCanMessage.Mutuals, true, true, nameof(Admission.Inbox))]
    [InlineData(WhoCanMessage.Mutuals, true, false, nameof(Admission.Refused))]
    [InlineData(WhoCanMessage.Mutuals, false, true, nameof(Admission.Refused))]
    [InlineData(WhoCanMessage.Mutuals, false, false, nameof(Admission.Refused))]
    [InlineData(WhoCanMessage.Off, true, true, nameof(Admission.Inbox))]
    [InlineData(WhoCanMessage.Off, true, false, nameof(Admission.Inbox))]
    [InlineData(WhoCanMessage.Off, false, true, nameof(Admission.Refused))]
    [InlineData(WhoCanMessage.Off, false, false, nameof(Admission.Refused))]
    public void Admit_EstablishedSender_FollowsTheSettingAndBothFollowDirections(
        WhoCanMessage who, bool recipientFollowsSender, bool senderFollowsRecipient, string expected)
    {
        var recipient = Toward(follows: recipientFollowsSender, who: who);
        var sender = Toward(follows: senderFollowsRecipient);

        Assert.Equal(Enum.Parse<Admission>(expected), ContactPolicy.Admit(recipient, sender, Now, NewAccountAge));
    }

    [Theory]
    [InlineData(WhoCanMessage.Everyone, true, 1, true, false, nameof(Admission.Request))]
    [InlineData(WhoCanMessage.Everyone, false, 1, true, false, nameof(Admission.Inbox))]
    [InlineData(WhoCanMessage.Everyone, true, 6, true, false, nameof(Admission.Request))]
    [InlineData(WhoCanMessage.Everyone, true, 7, true, false, nameof(Admission.Inbox))]
    [InlineData(WhoCanMessage.Everyone, true, 30, true, false, nameof(Admission.Inbox))]
    [InlineData(WhoCanMessage.Mutuals, true, 1, true, true, nameof(Admission.Request))]
    [InlineData(WhoCanMessage.Mutuals, false, 1, true, true, nameof(Admission.Inbox))]
    [InlineData(WhoCanMessage.Mutuals, true, 1, true, false, nameof(Admission.Refused))]
    [InlineData(WhoCanMessage.Off, true, 1, true, false, nameof(Admission.Request))]
    [InlineData(WhoCanMessage.Off, true, 1, false, true, nameof(Admission.Refused))]
    [InlineData(WhoCanMessage.Everyone, true, 1, false, false, nameof(Admission.Request))]
    [InlineData(WhoCanMessage.Followers, true, 1, false, true, nameof(Admission.Request))]
    [InlineData(WhoCanMessage.Followers, true, 1, false, false, nameof(Admission.Refused))]
    public void Admit_NewSenderAccount_NeverReachesTheInboxWhileTheRecipientAsksForApproval(
        WhoCanMessage who, bool needsApproval, int senderAgeDays, bool recipientFollowsSender, bool senderFollowsRecipient, string expected)
    {
        var recipient = Toward(follows: recipientFollowsSender, who: who, newAccountsNeedApproval: needsApproval);
        var sender = Toward(follows: senderFollowsRecipient, accountAge: TimeSpan.FromDays(senderAgeDays));

        Assert.Equal(Enum.Parse<Admission>(expected), ContactPolicy.Admit(recipient, sender, Now, NewAccountAge));
    }

    [Fact]
    public void Admit_NewAccountAge_IsTheConfiguredOne()
    {
        var recipient = Toward(follows: true);
        var tenDaysOld = Toward(accountAge: TimeSpan.FromDays(10));
        var oneHourOld = Toward(accountAge: TimeSpan.FromHours(1));

        Assert.Equal(Admission.Request, ContactPolicy.Admit(recipient, tenDaysOld, Now, TimeSpan.FromDays(30)));
        Assert.Equal(Admission.Inbox, ContactPolicy.Admit(recipient, tenDaysOld, Now, NewAccountAge));
        Assert.Equal(Admission.Inbox, ContactPolicy.Admit(recipient, oneHourOld, Now, TimeSpan.Zero));
    }

    [Theory]
    [InlineData(true, false, false, WhoCanMessage.Everyone, MemberStatus.Accepted, 0L, nameof(PostDecision.BlockedByYou))]
    [InlineData(true, true, false, WhoCanMessage.Everyone, MemberStatus.Accepted, 0L, nameof(PostDecision.BlockedByYou))]
    [InlineData(false, true, false, WhoCanMessage.Everyone, MemberStatus.Accepted, 0L, nameof(PostDecision.CannotMessage))]
    [InlineData(false, true, true, WhoCanMessage.Everyone, MemberStatus.Pending, 0L, nameof(PostDecision.CannotMessage))]
    [InlineData(false, false, false, WhoCanMessage.Everyone, MemberStatus.Accepted, 0L, nameof(PostDecision.Deliver))]
    [InlineData(false, false, false, WhoCanMessage.Off, MemberStatus.Accepted, 4L, nameof(PostDecision.Deliver))]
    [InlineData(false, false, false, WhoCanMessage.Everyone, MemberStatus.Pending, 0L, nameof(PostDecision.DeliverAsRequest))]
    [InlineData(false, false, false, WhoCanMessage.Everyone, MemberStatus.Pending, 4L, nameof(PostDecision.RequestPending))]
    [InlineData(false, false, false, WhoCanMessage.Everyone, MemberStatus.Declined, 4L, nameof(PostDecision.RequestPending))]
    [InlineData(false, false, false, WhoCanMessage.Everyone, MemberStatus.Declined, 0L, nameof(PostDecision.RequestPending))]
    [InlineData(false, false, true, WhoCanMessage.Everyone, MemberStatus.Pending, 0L, nameof(PostDecision.AcceptAndDeliver))]
    [InlineData(false, false, true, WhoCanMessage.Off, MemberStatus.Pending, 4L, nameof(PostDecision.AcceptAndDeliver))]
    [InlineData(false, false, false, WhoCanMessage.Off, MemberStatus.Pending, 0L, nameof(PostDecision.CannotMessage))]
    [InlineData(false, false, false, WhoCanMessage.Mutuals, MemberStatus.Pending, 0L, nameof(PostDecision.CannotMessage))]
    public void DecidePost_BlocksThenAcceptanceThenAdmission_DecideDelivery(
        bool senderBlocks, bool recipientBlocks, bool recipientFollowsSender, WhoCanMessage who, MemberStatus recipientStatus, long requestSeq, string expected)
    {
        var sender = Toward(blocks: senderBlocks);
        var recipient = Toward(follows: recipientFollowsSender, blocks: recipientBlocks, who: who);

        var decision = ContactPolicy.DecidePost(sender, recipient, Member("u_b", recipientStatus, requestSeq), Now, NewAccountAge);

        Assert.Equal(Enum.Parse<PostDecision>(expected), decision);
    }

    [Theory]
    [InlineData(ReceiptMode.On, ReceiptMode.On, true)]
    [InlineData(ReceiptMode.On, ReceiptMode.Private, true)]
    [InlineData(ReceiptMode.On, ReceiptMode.Off, false)]
    [InlineData(ReceiptMode.Private, ReceiptMode.On, false)]
    [InlineData(ReceiptMode.Private, ReceiptMode.Private, false)]
    [InlineData(ReceiptMode.Private, ReceiptMode.Off, false)]
    [InlineData(ReceiptMode.Off, ReceiptMode.On, false)]
    [InlineData(ReceiptMode.Off, ReceiptMode.Private, false)]
    [InlineData(ReceiptMode.Off, ReceiptMode.Off, false)]
    public void ShareActivity_ActorMustBeOnAndViewerNotOff(ReceiptMode actorMode, ReceiptMode viewerMode, bool shared) =>
        Assert.Equal(shared, ContactPolicy.ShareActivity(Toward(receipts: actorMode), Toward(receipts: viewerMode), Member("u_a"), Member("u_b")));

    [Theory]
    [InlineData(false, false, false, false, MemberStatus.Accepted, MemberStatus.Accepted, true)]
    [InlineData(true, false, false, false, MemberStatus.Accepted, MemberStatus.Accepted, false)]
    [InlineData(false, true, false, false, MemberStatus.Accepted, MemberStatus.Accepted, false)]
    [InlineData(false, false, true, false, MemberStatus.Accepted, MemberStatus.Accepted, false)]
    [InlineData(false, false, false, true, MemberStatus.Accepted, MemberStatus.Accepted, true)]
    [InlineData(false, false, false, false, MemberStatus.Pending, MemberStatus.Accepted, false)]
    [InlineData(false, false, false, false, MemberStatus.Accepted, MemberStatus.Pending, false)]
    [InlineData(false, false, false, false, MemberStatus.Declined, MemberStatus.Accepted, false)]
    [InlineData(false, false, false, false, MemberStatus.Accepted, MemberStatus.Declined, false)]
    public void ShareActivity_WithBothOn_StopsAtBlocksTheActorsRestrictionAndRequests(
        bool actorBlocks, bool viewerBlocks, bool actorRestricts, bool viewerRestricts, MemberStatus actorStatus, MemberStatus viewerStatus, bool shared)
    {
        // A viewer who restricts the actor still sees the actor's activity: restricting hides only one's own.
        var actor = Toward(blocks: actorBlocks, restricts: actorRestricts);
        var viewer = Toward(blocks: viewerBlocks, restricts: viewerRestricts);

        Assert.Equal(shared, ContactPolicy.ShareActivity(actor, viewer, Member("u_a", actorStatus), Member("u_b", viewerStatus)));
    }

    [Theory]
    [InlineData(MemberStatus.Accepted, false, false, InboxFolder.Inbox)]
    [InlineData(MemberStatus.Accepted, true, false, InboxFolder.Inbox)]
    [InlineData(MemberStatus.Accepted, false, true, InboxFolder.Requests)]
    [InlineData(MemberStatus.Pending, false, false, InboxFolder.Requests)]
    [InlineData(MemberStatus.Pending, false, true, InboxFolder.Requests)]
    [InlineData(MemberStatus.Pending, true, false, InboxFolder.HiddenRequests)]
    [InlineData(MemberStatus.Declined, false, false, InboxFolder.Requests)]
    [InlineData(MemberStatus.Declined, true, false, InboxFolder.HiddenRequests)]
    public void FolderOf_PlacesRequestsHiddenRequestsAndRestrictedConversations(MemberStatus status, bool hiddenRequest, bool restricts, InboxFolder expected) =>
        Assert.Equal(expected, ContactPolicy.FolderOf(Member("u_b", status, hiddenRequest: hiddenRequest, restricts: restricts)));

    [Fact]
    public void ForViewer_Sender_SeesTheirOwnMessageUntouched()
    {
        var message = WithPreview with { SentAsRequest = true };

        Assert.Same(message, ContactPolicy.ForViewer(message, Member("u_a", MemberStatus.Pending, hiddenRequest: true), viewerWantsPreviews: false));
        Assert.Same(message, ContactPolicy.ForViewer(message, Member("u_a"), viewerWantsPreviews: false));
    }

    [Fact]
    public void ForViewer_HiddenRequest_MasksTextAndDropsPreview()
    {
        var copy = ContactPolicy.ForViewer(WithPreview, Member("u_b", MemberStatus.Pending, hiddenRequest: true), viewerWantsPreviews: true);

        Assert.Equal(WithPreview with { Text = "", LinkPreview = null, Masked = true }, copy);
    }

    [Theory]
    [InlineData(MemberStatus.Accepted, false, true, false, true)]
    [InlineData(MemberStatus.Accepted, true, true, false, true)]
    [InlineData(MemberStatus.Pending, false, true, false, false)]
    [InlineData(MemberStatus.Accepted, false, false, false, false)]
    [InlineData(MemberStatus.Accepted, false, true, true, false)]
    [InlineData(MemberStatus.Pending, false, true, true, false)]
    [InlineData(MemberStatus.Pending, false, false, true, false)]
    public void ForViewer_Preview_OnlyForViewersWhoWantItAndNeverOnRequests(
        MemberStatus status, bool hiddenRequest, bool wantsPreviews, bool sentAsRequest, bool keepsPreview)
    {
        // A hidden-request flag left over after accepting no longer masks; text is never touched outside hidden requests.
        var message = WithPreview with { SentAsRequest = sentAsRequest };

        var copy = ContactPolicy.ForViewer(message, Member("u_b", status, hiddenRequest: hiddenRequest), wantsPreviews);

        Assert.Equal(keepsPreview ? message : message with { LinkPreview = null }, copy);
    }

    [Fact]
    public void WithoutBlocked_DropsBlockedReactorsAndQuotes_AndLeavesTheRestAlone()
    {
        var message = WithPreview with
        {
            Reactions = [new Reaction("u_pest", "x"), new Reaction("u_c", "y")],
            Quote = new Quote(1, "u_pest", "their words", false),
        };
        HashSet<string> blocked = ["u_pest"];

        var copy = ContactPolicy.WithoutBlocked(message, blocked);
        var onlyPest = ContactPolicy.WithoutBlocked(message with { Reactions = [new Reaction("u_pest", "x")], Quote = new Quote(1, "u_c", "fine", false) }, blocked);

        Assert.Equal([new Reaction("u_c", "y")], copy.Reactions);
        Assert.Equal(new Quote(1, null, null, true), copy.Quote);
        Assert.Equal((message.Seq, message.SenderId, message.Text, message.LinkPreview), (copy.Seq, copy.SenderId, copy.Text, copy.LinkPreview));
        Assert.Null(onlyPest.Reactions);
        Assert.Equal(new Quote(1, "u_c", "fine", false), onlyPest.Quote);
        Assert.Same(message, ContactPolicy.WithoutBlocked(message, new HashSet<string>()));
        Assert.Equal(["u_pest", "u_c", "u_pest"], ContactPolicy.PeopleInside(message));
    }

    /// <summary>A user's stance toward the other, with an established account and otherwise default settings.</summary>
    private static Stance Toward(
        bool follows = false,
        bool blocks = false,
        bool restricts = false,
        WhoCanMessage who = WhoCanMessage.Everyone,
        bool newAccountsNeedApproval = true,
        ReceiptMode receipts = ReceiptMode.On,
        TimeSpan? accountAge = null) =>
        new(
            Exists: true,
            Follows: follows,
            Blocks: blocks,
            Restricts: restricts,
            Settings: new PrivacySettings(who, newAccountsNeedApproval, receipts, LinkPreviews: true, DefaultHiddenWords: true),
            AccountCreatedAt: Now - (accountAge ?? TimeSpan.FromDays(365)),
            RateLimitedFor: null);

    private static MemberState Member(
        string userId, MemberStatus status = MemberStatus.Accepted, long requestSeq = 0, bool hiddenRequest = false, bool restricts = false) =>
        new() { UserId = userId, Status = status, RequestSeq = requestSeq, HiddenRequest = hiddenRequest, Restricts = restricts };
}
