using OrleansDirect.Accounts;

namespace OrleansDirect.Tests;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class AccountGrainTests(ClusterFixture fixture)
{
    private IAccountGrain Accounts => fixture.Client.GetGrain<IAccountGrain>(0);

    [Fact]
    public async Task SignUp_WithValidInput_CreatesAccountWithCanonicalHandle()
    {
        var handle = Users.NewHandle();
        var result = await Accounts.SignUpAsync(new SignUpDraft(handle.ToUpperInvariant(), Users.Password));

        Assert.Equal(SignUpStatus.Created, result.Status);
        Assert.Equal(handle, result.User!.Handle);
        Assert.StartsWith("u_", result.User.UserId, StringComparison.Ordinal);
        Assert.Equal(result.User.UserId, (await Accounts.FindByHandleAsync(handle.ToUpperInvariant()))?.UserId);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData(".alice")]
    [InlineData("al..ice")]
    [InlineData("alice!")]
    public async Task SignUp_WithBadHandle_ReturnsInvalidHandle(string handle) =>
        Assert.Equal(SignUpStatus.InvalidHandle, (await Accounts.SignUpAsync(new SignUpDraft(handle, Users.Password))).Status);

    [Fact]
    public async Task SignUp_WithShortPassword_ReturnsInvalidPassword() =>
        Assert.Equal(SignUpStatus.InvalidPassword, (await Accounts.SignUpAsync(new SignUpDraft(Users.NewHandle(), "123456789"))).Status);

    [Fact]
    public async Task SignUp_SameHandleConcurrently_ExactlyOneWins()
    {
        var handle = Users.NewHandle();
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Accounts.SignUpAsync(new SignUpDraft(i % 2 == 0 ? handle : handle.ToUpperInvariant(), Users.Password))));

        Assert.Single(results, r => r.Status == SignUpStatus.Created);
        Assert.Equal(7, results.Count(r => r.Status == SignUpStatus.HandleTaken));
    }

    [Fact]
    public async Task SignIn_WithRightPassword_IssuesTokenThatAuthenticates()
    {
        var user = await Users.CreateAsync(fixture.Client);
        var signIn = await Accounts.SignInAsync(new SignInDraft(user.Handle, Users.Password));

        Assert.Equal(SignInStatus.SignedIn, signIn.Status);
        var session = await Accounts.AuthenticateAsync(signIn.Session!.Token);
        Assert.Equal(user.UserId, session?.UserId);
        Assert.Equal(signIn.Session.SessionId, session?.SessionId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SignIn_WithWrongPasswordOrUnknownHandle_IsRefusedTheSameWay(bool unknownHandle)
    {
        var user = await Users.CreateAsync(fixture.Client);
        var result = await Accounts.SignInAsync(unknownHandle
            ? new SignInDraft(Users.NewHandle(), Users.Password)
            : new SignInDraft(user.Handle, Users.Password + "x"));

        Assert.Equal(SignInStatus.InvalidCredentials, result.Status);
        Assert.Null(result.Session);
    }

    [Fact]
    public async Task SignIn_BeyondTheHandlesFailureAllowance_IsRefusedEvenWithTheRightPassword()
    {
        // The test silos allow 3 failed sign-ins per handle per hour.
        var user = await Users.CreateAsync(fixture.Client);
        var other = await Users.CreateAsync(fixture.Client);
        var right = new SignInDraft(user.Handle, Users.Password);
        var wrong = new SignInDraft(user.Handle, Users.Password + "x");

        List<SignInStatus> statuses = [];
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await Accounts.SignInAsync(right)).Status);
        }

        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await Accounts.SignInAsync(wrong)).Status);
        }

        var refused = await Accounts.SignInAsync(right);
        var refusedInOtherCase = await Accounts.SignInAsync(new SignInDraft(user.Handle.ToUpperInvariant(), Users.Password));
        var otherHandle = await Accounts.SignInAsync(new SignInDraft(other.Handle, Users.Password));

        // Successful sign-ins cost nothing; the three failures use the allowance up.
        Assert.Equal([.. Enumerable.Repeat(SignInStatus.SignedIn, 4), .. Enumerable.Repeat(SignInStatus.InvalidCredentials, 3)], statuses);
        Assert.Equal((SignInStatus.RateLimited, null), (refused.Status, refused.Session));
        Assert.InRange(refused.RetryAfter!.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(20));
        Assert.Equal(SignInStatus.RateLimited, refusedInOtherCase.Status);
        Assert.Equal(SignInStatus.SignedIn, otherHandle.Status);
    }

    [Fact]
    public async Task SignIn_ConcurrentGuesses_GetNoMoreTriesThanTheAllowance()
    {
        var user = await Users.CreateAsync(fixture.Client);
        var wrong = new SignInDraft(user.Handle, Users.Password + "x");

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Accounts.SignInAsync(wrong)));

        Assert.Equal(3, results.Count(r => r.Status == SignInStatus.InvalidCredentials));
        Assert.Equal(7, results.Count(r => r.Status == SignInStatus.RateLimited));
    }

    [Fact]
    public async Task SignIn_WithAHandleNobodyHolds_HasNoAllowanceToUseUp()
    {
        var draft = new SignInDraft(Users.NewHandle(), Users.Password);
        List<SignInStatus> statuses = [];
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await Accounts.SignInAsync(draft)).Status);
        }

        Assert.All(statuses, s => Assert.Equal(SignInStatus.InvalidCredentials, s));
    }

    [Fact]
    public async Task SignOut_RevokesToken()
    {
        var user = await Users.CreateAsync(fixture.Client);
        var token = (await Accounts.SignInAsync(new SignInDraft(user.Handle, Users.Password))).Session!.Token;

        await Accounts.SignOutAsync(token);

        Assert.Null(await Accounts.AuthenticateAsync(token));
    }

    [Theory]
    [InlineData("")]
    [InlineData("odt_short")]
    [InlineData("odt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Authenticate_WithForgedToken_ReturnsNull(string token) =>
        Assert.Null(await Accounts.AuthenticateAsync(token));

    [Fact]
    public async Task SignIn_BeyondSessionLimit_RevokesOldestSession()
    {
        var user = await Users.CreateAsync(fixture.Client);
        List<string> tokens = [];
        for (var i = 0; i < 4; i++)
        {
            tokens.Add((await Accounts.SignInAsync(new SignInDraft(user.Handle, Users.Password))).Session!.Token);
        }

        Assert.Null(await Accounts.AuthenticateAsync(tokens[0]));
        foreach (var token in tokens.Skip(1))
        {
            Assert.NotNull(await Accounts.AuthenticateAsync(token));
        }
    }
}
