using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace OrleansDirect.Tests;

[Collection(GatewayCollection.Name)]
[Trait("Category", "Gateway")]
public sealed class HttpApiTests(GatewayFixture fixture)
{
    private HttpClient Http() => fixture.Gateway.CreateHttpClient();

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(code, (string?)problem["code"]);
        Assert.Equal((int)status, (int?)problem["status"]);
    }

    [Fact]
    public async Task SignUp_ReturnsProfileAndHandleIsUniqueCaseInsensitively()
    {
        using var http = Http();
        var handle = Accounts.NewHandle();

        var created = await http.PostAsJsonAsync("/v1/accounts", new { handle = handle.ToUpperInvariant(), password = Accounts.Password });
        var again = await http.PostAsJsonAsync("/v1/accounts", new { handle, password = Accounts.Password });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(handle, (string?)(await created.Content.ReadFromJsonAsync<JsonObject>())!["handle"]);
        await AssertProblemAsync(again, HttpStatusCode.Conflict, "handle_taken");
    }

    [Theory]
    [InlineData("{\"handle\":\"ok_handle_1\",\"password\":\"short\"}", "invalid_password")]
    [InlineData("{\"handle\":\"no\",\"password\":\"long enough password\"}", "invalid_handle")]
    [InlineData("{\"handle\":", "invalid_body")]
    [InlineData("[]", "invalid_body")]
    public async Task SignUp_WithBadInput_ReturnsProblem(string body, string code)
    {
        using var http = Http();
        var response = await http.PostAsync("/v1/accounts", new StringContent(body, Encoding.UTF8, "application/json"));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task SignUp_WithOversizeBody_Returns413()
    {
        using var http = Http();
        var body = $"{{\"handle\":\"big\",\"password\":\"{new string('p', 20_000)}\"}}";
        var response = await http.PostAsync("/v1/accounts", new StringContent(body, Encoding.UTF8, "application/json"));
        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "body_too_large");
    }

    [Fact]
    public async Task SignIn_WithWrongPassword_Returns401()
    {
        var user = await Accounts.CreateAsync(fixture.Gateway);
        using var http = Http();
        var response = await http.PostAsJsonAsync("/v1/sessions", new { handle = user.Handle, password = "not the password" });
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task SignIn_AfterTheHandlesFailedSignInsAreUsedUp_Returns429WithRetryAfter()
    {
        // The test silos allow 3 failed sign-ins per handle per hour.
        var user = await Accounts.CreateAsync(fixture.Gateway);
        using var http = Http();
        for (var i = 0; i < 3; i++)
        {
            await AssertProblemAsync(await http.PostAsJsonAsync("/v1/sessions", new { handle = user.Handle, password = "not the password" }),
                HttpStatusCode.Unauthorized, "invalid_credentials");
        }

        var response = await http.PostAsJsonAsync("/v1/sessions", new { handle = user.Handle, password = Accounts.Password });
        var body = await response.Content.ReadAsStringAsync();
        var retryAfterMs = (long)JsonNode.Parse(body)!["retryAfterMs"]!;

        await AssertProblemAsync(response, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.InRange(retryAfterMs, 1, (long)TimeSpan.FromMinutes(20).TotalMilliseconds);
        Assert.Equal(TimeSpan.FromSeconds((retryAfterMs + 999) / 1000), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task ProtectedEndpoints_WithoutValidToken_Return401()
    {
        using var http = Http();
        await AssertProblemAsync(await http.GetAsync("/v1/me"), HttpStatusCode.Unauthorized, "unauthorized");
        http.DefaultRequestHeaders.Authorization = new("Bearer", "odt_forged");
        await AssertProblemAsync(await http.GetAsync("/v1/users/someone"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Me_AndUserLookup_ReturnProfiles()
    {
        var alice = await Accounts.CreateAsync(fixture.Gateway);
        var bob = await Accounts.CreateAsync(fixture.Gateway);
        using var http = Http();
        http.DefaultRequestHeaders.Authorization = new("Bearer", alice.Token);

        var me = (await http.GetFromJsonAsync<JsonObject>("/v1/me"))!;
        var found = (await http.GetFromJsonAsync<JsonObject>($"/v1/users/{bob.Handle}"))!;

        Assert.Equal(alice.UserId, (string?)me["userId"]);
        Assert.Equal(bob.UserId, (string?)found["userId"]);
        await AssertProblemAsync(await http.GetAsync("/v1/users/nobody_here_at_all"), HttpStatusCode.NotFound, "user_not_found");
    }

    [Fact]
    public async Task Health_WhenClusterAnswers_IsHealthy()
    {
        using var http = Http();
        var response = await http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WebSocketPath_WithPlainHttp_Returns400()
    {
        using var http = Http();
        await AssertProblemAsync(await http.GetAsync("/v1/ws"), HttpStatusCode.BadRequest, "not_websocket");
    }
}
