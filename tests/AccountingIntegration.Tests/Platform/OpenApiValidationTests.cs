using System.Text.Json.Nodes;
using AccountingIntegration.Tests.TestSupport;
using Microsoft.OpenApi;

namespace AccountingIntegration.Tests.Platform;

/// <summary>
/// The document served at /openapi/v1.json is valid OpenAPI and complete: read and validated by
/// OpenAPI.NET with zero errors, every templated path parameter declared, a problem response on every
/// operation, unique operation ids, and security exactly where a credential is needed.
/// </summary>
public sealed class OpenApiValidationTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    /// <summary>The routes that need no credential (SPEC §7): health, public checks, the OAuth callback, the connect link, login.</summary>
    private static readonly HashSet<string> Anonymous =
    [
        "GET /health",
        "GET /api/health",
        "GET /health/live",
        "GET /health/ready",
        "GET /api/public/connect-tokens/{token}",
        "GET /api/public/org/{slug}",
        "GET /api/v1/oauth/callback",
        "GET /api/v1/connect/token/{token}",
        "POST /api/admin/auth/login",
    ];

    [Fact]
    public async Task OpenApiDocument_Served_PassesTheReaderTheValidatorAndTheCompletenessChecks()
    {
        var json = await ServedDocumentAsync();

        Assert.Empty(OpenApiDocumentChecks.Problems(json, Anonymous));
    }

    [Fact]
    public async Task OpenApiDocument_Served_SecurityFollowsTheRouteGroups()
    {
        var (document, _) = OpenApiDocumentChecks.Read(await ServedDocumentAsync());

        var security = Operations(document!).ToDictionary(o => o.Name, o => Schemes(o.Operation));
        Assert.All(security.Where(s => s.Key.Contains(" /api/admin/", StringComparison.Ordinal) && !Anonymous.Contains(s.Key)),
            s => Assert.Equal(["Bearer"], s.Value));
        Assert.All(security.Where(s => s.Key.Contains(" /api/v1/org/{slug}", StringComparison.Ordinal)), s => Assert.Equal(["ApiKey", "Bearer"], s.Value));
        Assert.Equal(["ApiKey", "Bearer"], security["GET /api/v1/webhook/{slug}/sources"]);
        // A signed webhook needs no API key: the key or nothing the document can name.
        Assert.Equal(["ApiKey", "{}"], security["POST /api/v1/webhook/{slug}"]);
        Assert.Equal(["ApiKey", "{}"], security["POST /api/v1/webhook/{slug}/{sourceId}"]);
    }

    [Fact]
    public async Task OpenApiDocument_Served_DocumentsProblemCodesRequestsResponsesAndOptionalMembers()
    {
        var (document, _) = OpenApiDocumentChecks.Read(await ServedDocumentAsync());
        var operations = Operations(document!).ToDictionary(o => o.Name, o => o.Operation);

        var getPayload = operations["GET /api/v1/org/{slug}/payloads/{payloadId}"];
        Assert.Equal(["ORG_NOT_FOUND", "PAYLOAD_NOT_FOUND"], Codes(getPayload, "404"));
        Assert.Equal(["API_KEY_REQUIRED", "INVALID_API_KEY"], Codes(getPayload, "401"));
        Assert.Equal(["RATE_LIMITED"], Codes(getPayload, "429"));
        Assert.Equal(["INTERNAL_ERROR"], Codes(getPayload, "500"));
        Assert.Equal(["VERSION_CONFLICT"], Codes(operations["PUT /api/admin/templates/{id}"], "409"));
        Assert.Equal(["UNAUTHORIZED"], Codes(operations["GET /api/admin/organizations"], "401"));
        var problem = document!.Components!.Schemas![OpenApiDocumentChecks.ProblemDetailsSchemaId];
        Assert.Superset(new HashSet<string> { "success", "code", "requestId", "errors" }, problem.Properties!.Keys.ToHashSet());

        var webhook = operations["POST /api/v1/webhook/{slug}"];
        Assert.True(webhook.RequestBody!.Content!.ContainsKey("application/json"));
        var headers = webhook.Parameters!.Where(p => p.In == ParameterLocation.Header).ToList();
        Assert.Superset(
            new HashSet<string> { "Idempotency-Key", "X-API-Key", "Stripe-Signature", "X-Shopify-Hmac-Sha256", "X-Shopify-Webhook-Id", "X-Shopify-Topic", "Paddle-Signature", "X-Webhook-Signature" },
            headers.Select(h => h.Name!).ToHashSet());
        Assert.All(headers, h => Assert.False(h.Required));
        Assert.Contains(operations["POST /api/v1/webhook/{slug}"].Responses!.Keys, status => status == "413");

        // A list answers a JSON page or, on request, CSV: both are documented.
        Assert.Equal(["application/json", "text/csv"], operations["GET /api/admin/audit-logs"].Responses!["200"].Content!.Keys.Order(StringComparer.Ordinal));

        // Nullable request members are optional; the mapping layers have the engine's rule schema.
        var createTemplate = document.Components.Schemas["CreateTemplateRequest"];
        Assert.Empty(createTemplate.Required ?? new HashSet<string>());
        var fieldMappings = createTemplate.Properties!["fieldMappings"];
        Assert.Contains(fieldMappings.OneOf!, s => s.Type == JsonSchemaType.Array && s.Items is OpenApiSchemaReference { Reference.Id: "FieldMapping" });
        Assert.Equal(["qboField"], document.Components.Schemas["FieldMapping"].Required!);
    }

    [Fact]
    public async Task OpenApiDocument_Served_DocumentsEventActionsOnEveryLayerAsAnObjectOfActionNames()
    {
        var schemas = JsonNode.Parse(await ServedDocumentAsync())!["components"]!["schemas"]!;

        foreach (var name in new[] { "CreateTemplateRequest", "UpdateTemplateRequest", "TemplateView", "OverrideRequest", "OverrideView", "SourceMappingRequest", "SourceMappingView" })
        {
            var eventActions = schemas[name]!["properties"]!["eventActions"]!;
            var shapes = eventActions["oneOf"]?.AsArray().Select(s => s!) ?? [eventActions];
            var map = Assert.Single(shapes, s => (string?)s["type"] == "object");
            Assert.True((string?)map["additionalProperties"]?["type"] == "string", $"{name}.eventActions: {eventActions.ToJsonString()}");
            Assert.All(["sale", "auto", "invoice_and_payment", "sales_receipt", "refund_receipt", "credit_memo", "void", "ignore"],
                word => Assert.Contains($"`{word}`", (string?)eventActions["description"] ?? (string?)map["description"], StringComparison.Ordinal));
        }
    }

    /// <summary>Each check catches the fault it is there for: a copy of the served document broken one way at a time fails.</summary>
    [Fact]
    public async Task Checks_BrokenCopiesOfTheServedDocument_EachFails()
    {
        var json = await ServedDocumentAsync();
        Assert.Empty(OpenApiDocumentChecks.Problems(json, Anonymous));

        var breakages = new (string Breakage, Action<JsonObject> Break, string Expected)[]
        {
            ("path parameter undeclared", d => RemoveParameter(Operation(d, "/api/v1/org/{slug}/status", "get"), "slug"),
                "GET /api/v1/org/{slug}/status: path parameter {slug} is not declared"),
            ("no problem response", d => RemoveProblemResponses(Operation(d, "/health", "get")), "GET /health: no application/problem+json response"),
            ("anonymous route with security", d => Operation(d, "/health", "get")["security"] = new JsonArray(new JsonObject { ["Bearer"] = new JsonArray() }),
                "GET /health: anonymous, so its security must be an empty list"),
            ("secured route without security", d => Operation(d, "/api/admin/organizations", "get").Remove("security"),
                "GET /api/admin/organizations: needs a credential"),
            ("operationId repeated", d => Operation(d, "/api/health", "get")["operationId"] = "GetLiveness", "operationId 'GetLiveness' is missing or not unique"),
            ("invalid for the validator", d => d["info"]!.AsObject().Remove("title"), "validator: #/info"),
            ("invalid for the reader", d => d["paths"]!["/health"]!["get"]!["responses"] = "none", "reader:"),
        };

        foreach (var (breakage, breakIt, expected) in breakages)
        {
            var broken = JsonNode.Parse(json)!.AsObject();
            breakIt(broken);
            var problems = OpenApiDocumentChecks.Problems(broken.ToJsonString(), Anonymous);
            Assert.True(problems.Any(p => p.Contains(expected, StringComparison.Ordinal)),
                $"{breakage}: expected a problem containing '{expected}', got: {string.Join(" | ", problems)}");
        }
    }

    private async Task<string> ServedDocumentAsync()
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(DatabaseKind.Sqlite));
        return await service.Client.GetStringAsync("/openapi/v1.json");
    }

    private static IEnumerable<(string Name, OpenApiOperation Operation)> Operations(OpenApiDocument document) =>
        document.Paths.SelectMany(p => (p.Value.Operations ?? []).Select(o => ($"{o.Key.Method} {p.Key}", o.Value)));

    private static List<string> Schemes(OpenApiOperation operation) =>
        [.. (operation.Security ?? []).Select(r => r.Count == 0 ? "{}" : string.Join("+", r.Keys.Select(k => k.Reference.Id)))];

    private static List<string?> Codes(OpenApiOperation operation, string status) =>
        [.. operation.Responses![status].Content![OpenApiDocumentChecks.ProblemContentType].Schema!.AllOf!
            .SelectMany(s => s.Properties?.TryGetValue("code", out var code) == true ? code.Enum ?? [] : [])
            .Select(v => v?.GetValue<string>())];

    private static JsonObject Operation(JsonObject document, string path, string method) => document["paths"]![path]![method]!.AsObject();

    private static void RemoveParameter(JsonObject operation, string name)
    {
        var parameters = operation["parameters"]!.AsArray();
        parameters.Remove(parameters.First(p => (string?)p!["name"] == name));
    }

    private static void RemoveProblemResponses(JsonObject operation)
    {
        var responses = operation["responses"]!.AsObject();
        foreach (var status in responses.Where(r => r.Value?["content"]?[OpenApiDocumentChecks.ProblemContentType] is not null).Select(r => r.Key).ToList())
        {
            responses.Remove(status);
        }
    }
}
