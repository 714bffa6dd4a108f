using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AccountingIntegration.Tests.TestSupport;
using Microsoft.AspNetCore.Routing;

namespace AccountingIntegration.Tests.Platform;

public sealed partial class ApiDocsTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task OpenApiDocument_EveryRouteOfTheApp_IsListedWithItsMethods()
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(DatabaseKind.Sqlite));

        using var document = JsonDocument.Parse(await service.Client.GetStringAsync("/openapi/v1.json"));

        var paths = document.RootElement.GetProperty("paths");
        var routes = Documentable(service.Services);
        Assert.NotEmpty(routes);
        var missing = routes
            .Where(r => !paths.TryGetProperty(r.Path, out var item) || !item.TryGetProperty(r.Method.ToLowerInvariant(), out _))
            .Select(r => $"{r.Method} {r.Path}")
            .ToList();
        Assert.Empty(missing);
        var schemes = document.RootElement.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("X-API-Key", schemes.GetProperty("ApiKey").GetProperty("name").GetString());
        Assert.Equal("bearer", schemes.GetProperty("Bearer").GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task Docs_Get_ServesTheScalarPage()
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(DatabaseKind.Sqlite));

        using var response = await service.Client.GetAsync("/docs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        // Scalar redirects /docs to /docs/, loads its script beside the page and the document from the site root.
        var page = response.RequestMessage!.RequestUri!;
        using var script = await service.Client.GetAsync(new Uri(page, "scalar.js"));
        Assert.Contains("\"url\":\"openapi/v1.json\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    /// <summary>Every route the app maps, except the documents themselves and routes excluded on purpose (the sandbox, /connected).</summary>
    private static List<(string Method, string Path)> Documentable(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .Select(e => (Endpoint: e, Path: OpenApiPath(e.RoutePattern.RawText ?? string.Empty)))
            .Where(e => !e.Path.StartsWith("/openapi", StringComparison.Ordinal) && !e.Path.StartsWith("/docs", StringComparison.Ordinal))
            .SelectMany(e => (e.Endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (m, e.Path)))
            .ToList();

    // OpenAPI paths start with '/', end without one and carry parameter names only: no constraints, defaults or catch-all stars.
    private static string OpenApiPath(string template) =>
        "/" + RouteParameter().Replace(template.Trim('/'), m => "{" + m.Groups["name"].Value + "}");

    [GeneratedRegex(@"\{\*{0,2}(?<name>[A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
