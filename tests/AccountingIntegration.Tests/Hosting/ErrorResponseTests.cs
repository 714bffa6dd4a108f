using System.Net;
using System.Text;
using System.Text.Json;
using AccountingIntegration.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;

namespace AccountingIntegration.Tests.Hosting;

public sealed class ErrorResponseTests : IAsyncLifetime
{
    internal const string ThrowPath = "/__test/throw";
    private TestDatabase? _database;
    private TestService? _service;

    private HttpClient Client => _service!.Client;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        _service = await TestService.StartAsync(_database, overrides: services => services.AddTransient<IStartupFilter, ThrowingEndpointFilter>());
    }

    public async Task DisposeAsync()
    {
        await _service!.DisposeAsync();
        await _database!.DisposeAsync();
    }

    [Fact]
    public async Task UnknownRoute_Returns404ProblemWithCodeAndRequestId()
    {
        using var response = await Client.GetAsync("/api/v1/does-not-exist");
        var problem = await ReadProblemAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(problem.GetProperty("success").GetBoolean());
        Assert.Equal("NOT_FOUND", problem.GetProperty("code").GetString());
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), problem.GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task WrongMethod_Returns405Problem()
    {
        using var response = await Client.PostAsync("/health", null);
        var problem = await ReadProblemAsync(response);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("METHOD_NOT_ALLOWED", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task UnhandledException_Returns500WithoutInternals()
    {
        using var response = await Client.GetAsync(ThrowPath);
        var text = await response.Content.ReadAsStringAsync();
        var problem = JsonDocument.Parse(text).RootElement;

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("INTERNAL_ERROR", problem.GetProperty("code").GetString());
        Assert.DoesNotContain(ThrowingEndpointFilter.SecretMessage, text);
        Assert.DoesNotContain("at ", text.Replace("at the", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    /// <summary>The framework's JSON reader throws for a charset it cannot decode; found by the API fuzz test as a 500.</summary>
    [Fact]
    public async Task JsonBody_UnknownCharset_Returns415ProblemAndAKnownOneIsStillRead()
    {
        using var unknown = await LoginAsync(Encoding.UTF8, "application/json; charset=ebcdic-fuzz");
        using var utf16 = await LoginAsync(Encoding.Unicode, "application/json; charset=utf-16");
        var problem = await ReadProblemAsync(unknown);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", problem.GetProperty("code").GetString());
        Assert.Equal(415, problem.GetProperty("status").GetInt32());
        // A charset .NET knows is decoded and the body reaches the handler: wrong credentials, not a refused body.
        Assert.Equal(HttpStatusCode.Unauthorized, utf16.StatusCode);
    }

    [Fact]
    public async Task RequestId_SafeCallerValue_IsEchoed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("X-Request-Id", "caller-123.abc");

        using var response = await Client.SendAsync(request);

        Assert.Equal("caller-123.abc", response.Headers.GetValues("X-Request-Id").Single());
    }

    [Fact]
    public async Task RequestId_UnsafeCallerValue_IsReplaced()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.TryAddWithoutValidation("X-Request-Id", "evil\" injected=1 <script>");

        using var response = await Client.SendAsync(request);
        var id = response.Headers.GetValues("X-Request-Id").Single();

        Assert.Matches("^[0-9a-f]{32}$", id);
    }

    private Task<HttpResponseMessage> LoginAsync(Encoding encoding, string contentType)
    {
        var content = new ByteArrayContent(encoding.GetBytes("""{"email":"nobody@example.com","password":"not the password"}"""));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return Client.PostAsync("/api/admin/auth/login", content);
    }

    private static async Task<JsonElement> ReadProblemAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>Adds a route that throws, after the app's own pipeline, so the service's error handling must catch it.</summary>
    internal sealed class ThrowingEndpointFilter : IStartupFilter
    {
        public const string SecretMessage = "connection string Password=hunter2";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate terminal) =>
                context.Request.Path == ThrowPath ? throw new InvalidOperationException(SecretMessage) : terminal(context));
        };
    }
}
