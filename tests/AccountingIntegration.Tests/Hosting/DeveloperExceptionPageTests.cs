using System.Text.Json;
using AccountingIntegration.Tests.TestSupport;
using Microsoft.AspNetCore.Diagnostics;

namespace AccountingIntegration.Tests.Hosting;

/// <summary>
/// In Development the host wraps the pipeline in the developer exception page. An exception that escapes
/// the service's own middleware reaches it; the service's filter answers problem details instead, so the
/// page (stack trace, request headers) never renders.
/// </summary>
public sealed class DeveloperExceptionPageTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task EscapedException_InDevelopment_IsAnsweredAsProblemAndThePageNeverRenders()
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(DatabaseKind.Sqlite),
            new Dictionary<string, string> { ["environment"] = "Development" });
        var filters = service.Services.GetServices<IDeveloperPageExceptionFilter>().ToList();
        var http = new DefaultHttpContext { RequestServices = service.Services };
        http.Request.Headers.Accept = "text/html";
        http.Request.Headers.Authorization = "Bearer secret-token";
        http.Response.Body = new MemoryStream();
        var pageRendered = false;

        // The page runs the filters in order and renders only if the last one calls on.
        Func<ErrorContext, Task> chain = _ =>
        {
            pageRendered = true;
            return Task.CompletedTask;
        };
        foreach (var filter in Enumerable.Reverse(filters))
        {
            var next = chain;
            chain = context => filter.HandleExceptionAsync(context, next);
        }

        http.Response.StatusCode = StatusCodes.Status500InternalServerError;
        await chain(new ErrorContext(http, new InvalidOperationException("Password=hunter2")));
        http.Response.Body.Position = 0;
        var text = await new StreamReader(http.Response.Body).ReadToEndAsync();

        Assert.False(pageRendered);
        Assert.Equal(StatusCodes.Status500InternalServerError, http.Response.StatusCode);
        Assert.Equal("application/problem+json", http.Response.ContentType?.Split(';')[0]);
        Assert.Equal("INTERNAL_ERROR", JsonDocument.Parse(text).RootElement.GetProperty("code").GetString());
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token", text, StringComparison.Ordinal);
    }
}
