using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AccountingIntegration.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;

namespace AccountingIntegration.Tests.Hosting;

/// <summary>
/// Every kind of error — an unknown route, a thrown 404, an unhandled exception, 405, 415 and a body
/// that is not JSON — answers problem JSON at its real status with the request id, whatever the client
/// accepts, and in Development too: the developer exception page never serves a stack trace or
/// echoes the caller's credentials.
/// </summary>
public sealed class ErrorAnyAcceptTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const string ApiKey = "aik_secret-key-that-must-not-be-echoed";

    [Theory]
    [InlineData("Testing", "text/csv")]
    [InlineData("Testing", "text/html")]
    [InlineData("Testing", "application/xml")]
    [InlineData("Development", "text/csv")]
    [InlineData("Development", "text/html,application/xhtml+xml")]
    [InlineData("Development", "application/xml")]
    public async Task Errors_AnyAcceptAnyEnvironment_AreProblemJsonWithCodeAndRequestId(string environment, string accept)
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(DatabaseKind.Sqlite),
            new Dictionary<string, string> { ["environment"] = environment },
            services => services.AddTransient<IStartupFilter, ErrorResponseTests.ThrowingEndpointFilter>());
        var (_, token) = await Admins.CreateAsync(service.Services);
        using var client = Admins.Client(service, token);
        client.DefaultRequestHeaders.Accept.ParseAdd(accept);
        client.DefaultRequestHeaders.Add("X-API-Key", ApiKey);

        var cases = new (HttpRequestMessage Request, HttpStatusCode Status, string Code)[]
        {
            (new(HttpMethod.Get, "/api/v1/does-not-exist"), HttpStatusCode.NotFound, "NOT_FOUND"),
            (new(HttpMethod.Get, $"/api/admin/organizations/{Guid.NewGuid():N}"), HttpStatusCode.NotFound, "ORG_NOT_FOUND"),
            (new(HttpMethod.Get, ErrorResponseTests.ThrowPath), HttpStatusCode.InternalServerError, "INTERNAL_ERROR"),
            (new(HttpMethod.Post, "/health"), HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED"),
            (Post("/api/admin/organizations", "name=x", "text/plain"), HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE"),
            (Post("/api/admin/organizations", "{\"name\": ", "application/json"), HttpStatusCode.BadRequest, "BAD_REQUEST"),
        };

        foreach (var (request, status, code) in cases)
        {
            using (request)
            {
                using var response = await client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                var what = $"{environment} {accept} {request.Method} {request.RequestUri}: {(int)response.StatusCode} {text}";

                Assert.True(status == response.StatusCode, what);
                Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", what);
                var problem = JsonDocument.Parse(text).RootElement;
                Assert.False(problem.GetProperty("success").GetBoolean(), what);
                Assert.True(code == problem.GetProperty("code").GetString(), what);
                Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
                Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), problem.GetProperty("requestId").GetString());
                Assert.DoesNotContain(ApiKey, text, StringComparison.Ordinal);
                Assert.DoesNotContain(token, text, StringComparison.Ordinal);
                Assert.DoesNotContain(ErrorResponseTests.ThrowingEndpointFilter.SecretMessage, text, StringComparison.Ordinal);
                Assert.DoesNotContain("stack", text, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    private static HttpRequestMessage Post(string path, string body, string contentType) =>
        new(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, MediaTypeHeaderValue.Parse(contentType)) };
}
