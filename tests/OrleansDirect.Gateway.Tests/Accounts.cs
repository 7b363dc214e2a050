using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace OrleansDirect.Tests;

/// <summary>A signed-up, signed-in test user.</summary>
public sealed record TestUser(string UserId, string Handle, string Token);

/// <summary>Signs users up and in over the real HTTP API.</summary>
public static class Accounts
{
    public const string Password = "correct horse battery staple";

    public static string NewHandle() => "u" + Guid.NewGuid().ToString("N")[..20];

    public static Task<TestUser> CreateAsync(RunningGateway gateway) => CreateAsync(gateway.BaseAddress);

    public static Task<TestUser> SignInAsync(RunningGateway gateway, string handle) => SignInAsync(gateway.BaseAddress, handle);

    public static async Task<TestUser> CreateAsync(Uri gateway)
    {
        using var http = new HttpClient { BaseAddress = gateway };
        var handle = NewHandle();
        var signUp = await http.PostAsJsonAsync("/v1/accounts", new { handle, password = Password });
        Assert.Equal(System.Net.HttpStatusCode.Created, signUp.StatusCode);
        return await SignInAsync(gateway, handle);
    }

    public static async Task<TestUser> SignInAsync(Uri gateway, string handle)
    {
        using var http = new HttpClient { BaseAddress = gateway };
        var signIn = await http.PostAsJsonAsync("/v1/sessions", new { handle, password = Password });
        Assert.Equal(System.Net.HttpStatusCode.Created, signIn.StatusCode);
        var body = (await signIn.Content.ReadFromJsonAsync<JsonObject>())!;
        return new TestUser((string)body["user"]!["userId"]!, handle, (string)body["token"]!);
    }

    /// <summary>An HTTP client of <paramref name="gateway"/> signed in as <paramref name="user"/>.</summary>
    public static HttpClient SignedIn(RunningGateway gateway, TestUser user)
    {
        var http = gateway.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", user.Token);
        return http;
    }

    /// <summary>Uploads a medium as its raw bytes (with any declared type: the server ignores it).</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient http, byte[] content, string declaredType = "application/octet-stream")
    {
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(declaredType);
        return await http.PostAsync("/v1/media", body);
    }
}
