using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AccountingIntegration.Features.Mapping;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;
using static AccountingIntegration.Tests.Admin.Mappings.AdminMappingWorld;

namespace AccountingIntegration.Tests.Admin.Mappings;

public sealed class MappingPreviewTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static JsonNode GenericSample() => JsonNode.Parse(GenericOrder.Json)!;

    [Theory, BothDatabases]
    public async Task Preview_GenericSampleWithBuiltInTemplate_DraftsThreeLinesNamingTheTemplate(DatabaseKind kind)
    {
        await using var world = await StartAsync(await databases.GetAsync(kind));
        var templateId = await InstallGenericTemplateAsync(world);
        var (org, source) = await world.OrganizationAsync("generic");

        using var response = await world.Viewer.PostAsJsonAsync("/api/admin/mappings/preview", new { organizationId = org, sourceId = source, payload = GenericSample() });
        var preview = await DataAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ready", preview.GetProperty("status").GetString());
        Assert.Equal(0, preview.GetProperty("errors").GetArrayLength());
        Assert.Equal(3, preview.GetProperty("invoice").GetProperty("Line").GetArrayLength());
        Assert.Equal("2026-0042", preview.GetProperty("invoice").GetProperty("DocNumber").GetString());
        var layer = Assert.Single(preview.GetProperty("layers").EnumerateArray());
        Assert.Equal((templateId, "Template", false), (layer.GetProperty("id").GetString(), layer.GetProperty("kind").GetString(), layer.GetProperty("candidate").GetBoolean()));
        var doc = preview.GetProperty("mapping").GetProperty("fieldMappings").EnumerateArray().Single(f => f.GetProperty("qboField").GetString() == "DocNumber");
        Assert.Equal(("number", templateId, "Template"), (doc.GetProperty("sourceField").GetString(), doc.GetProperty("layerId").GetString(), doc.GetProperty("layerKind").GetString()));
        Assert.Contains(preview.GetProperty("mapping").GetProperty("staticValues").EnumerateArray(), v => v.GetProperty("layerId").GetString() == templateId);
        Assert.Contains(preview.GetProperty("resolvers").EnumerateArray(), r => r.GetProperty("entityType").GetString() == "Customer");
    }

    [Theory, BothDatabases]
    public async Task Preview_CandidateSourceMapping_WinsWithoutBeingSaved(DatabaseKind kind)
    {
        await using var world = await StartAsync(await databases.GetAsync(kind));
        await InstallGenericTemplateAsync(world);
        var (org, source) = await world.OrganizationAsync("generic");
        var candidate = new { fieldMappings = new object[] { new { qboField = "DocNumber", sourceField = "number", transformation = "toString|concat:SO-" } } };

        using var response = await world.Admin.PostAsJsonAsync("/api/admin/mappings/preview",
            new { organizationId = org, sourceId = source, payload = GenericSample(), candidateSourceMapping = candidate });
        var preview = await DataAsync(response);
        using var stored = await world.Admin.GetAsync($"/api/admin/organizations/{org}/sources/{source}/mapping");

        Assert.Equal("SO-2026-0042", preview.GetProperty("invoice").GetProperty("DocNumber").GetString());
        var layers = preview.GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal(("SourceMapping", true), (layers[^1].GetProperty("kind").GetString(), layers[^1].GetProperty("candidate").GetBoolean()));
        Assert.Equal(HttpStatusCode.NotFound, stored.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task Preview_GenericSourceEventActions_IgnoredIsSkipped_UnrunnableIsRefused(DatabaseKind kind)
    {
        await using var world = await StartAsync(await databases.GetAsync(kind));
        await InstallGenericTemplateAsync(world);
        var (org, source) = await world.OrganizationAsync("generic", eventTypePath: "event");
        var candidate = new { eventActions = new Dictionary<string, string> { ["order.cancelled"] = "void", ["order.test"] = "ignore", ["order.paid"] = "sales_receipt" } };

        async Task<JsonElement> PreviewAsync(string eventInPayload, string? eventType = null)
        {
            var payload = GenericSample();
            payload["event"] = eventInPayload;
            using var response = await world.Admin.PostAsJsonAsync("/api/admin/mappings/preview",
                new { organizationId = org, sourceId = source, payload, candidateSourceMapping = candidate, eventType });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await DataAsync(response);
        }

        var cancelled = await PreviewAsync("order.cancelled");
        var test = await PreviewAsync("order.paid", eventType: "order.test");
        var paid = await PreviewAsync("order.paid");

        Assert.Equal("refused", cancelled.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, cancelled.GetProperty("invoice").ValueKind);
        var refusal = Assert.Single(cancelled.GetProperty("errors").EnumerateArray());
        Assert.Equal(("eventActions", "BOOKING_REFUSED"), (refusal.GetProperty("field").GetString(), refusal.GetProperty("code").GetString()));
        Assert.Contains("not 'void'", refusal.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("ignored", test.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, test.GetProperty("invoice").ValueKind);
        Assert.Equal("EVENT_IGNORED", Assert.Single(test.GetProperty("errors").EnumerateArray()).GetProperty("code").GetString());
        Assert.Equal("ready", paid.GetProperty("status").GetString());
        Assert.Equal(3, paid.GetProperty("invoice").GetProperty("Line").GetArrayLength());
    }

    [Theory, BothDatabases]
    public async Task Preview_NoLayer_SaysNoMapping(DatabaseKind kind)
    {
        await using var world = await StartAsync(await databases.GetAsync(kind));
        var (org, source) = await world.OrganizationAsync(UniqueSourceType());

        using var response = await world.Admin.PostAsJsonAsync("/api/admin/mappings/preview", new { organizationId = org, sourceId = source, payload = new { id = 1 } });
        var preview = await DataAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no_mapping", preview.GetProperty("status").GetString());
        Assert.Equal("NO_MAPPING", Assert.Single(preview.GetProperty("errors").EnumerateArray()).GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, preview.GetProperty("invoice").ValueKind);
        Assert.Equal(0, preview.GetProperty("layers").GetArrayLength());
    }

    [Theory, BothDatabases]
    public async Task Preview_InvalidRequest_Is400NamingEachField_AnonymousIs401(DatabaseKind kind)
    {
        await using var world = await StartAsync(await databases.GetAsync(kind));
        var (org, source) = await world.OrganizationAsync(UniqueSourceType());

        using var response = await world.Admin.PostAsJsonAsync("/api/admin/mappings/preview", new
        {
            organizationId = org, sourceId = source,
            candidateOverride = new { fieldMappings = new object[] { new { qboField = "Line[].Amount", sourceField = "total", transformation = "round:-1" } } },
        });
        var errors = (await JsonAsync(response)).GetProperty("errors");
        using var anonymous = await world.Service.Client.PostAsJsonAsync("/api/admin/mappings/preview", new { organizationId = org, sourceId = source, payload = new { } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(errors.TryGetProperty("payload", out _));
        Assert.Contains("INVALID_TRANSFORMATION", errors.GetProperty("candidateOverride.fieldMappings[0].transformation")[0].GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    /// <summary>
    /// A payload the source received is previewed by its id: the stored body through a candidate mapping, before it is
    /// replayed. Another source's payload, and an unknown id, are 404; a body and an id together are refused.
    /// </summary>
    [Theory, BothDatabases]
    public async Task Preview_StoredPayloadById_DraftsItsBody_OnlyForItsOwnSource(DatabaseKind kind)
    {
        await using var world = await StartAsync(await databases.GetAsync(kind));
        await InstallGenericTemplateAsync(world);
        var (org, source) = await world.OrganizationAsync("generic");
        var other = await world.Service.Services.GetRequiredService<WebhookStore>().CreateSourceAsync(org, "other", "generic", "none", null, null, false, default);
        using var created = await world.Admin.PostAsJsonAsync($"/api/admin/organizations/{org}/api-keys", new { name = "app", sourceId = source });
        using var tenant = new HttpClient { BaseAddress = world.Service.BaseAddress };
        tenant.DefaultRequestHeaders.Add("X-API-Key", (await DataAsync(created)).GetProperty("key").GetString());
        var slug = (await world.Service.Services.GetRequiredService<OrganizationStore>().GetByIdAsync(org, default))!.Slug;
        var order = GenericSample();
        order["number"] = "2026-0777";
        using var accepted = await tenant.PostAsJsonAsync($"/api/v1/webhook/{slug}", order);
        var payloadId = (await DataAsync(accepted)).GetProperty("payloadId").GetString();
        var candidate = new { fieldMappings = new object[] { new { qboField = "DocNumber", sourceField = "number", transformation = "toString|concat:SO-" } } };

        using var response = await world.Viewer.PostAsJsonAsync("/api/admin/mappings/preview",
            new { organizationId = org, sourceId = source, payloadId, candidateSourceMapping = candidate });
        using var otherSource = await world.Viewer.PostAsJsonAsync("/api/admin/mappings/preview", new { organizationId = org, sourceId = other.SourceId, payloadId });
        using var unknown = await world.Viewer.PostAsJsonAsync("/api/admin/mappings/preview", new { organizationId = org, sourceId = source, payloadId = "p_unknown" });
        using var both = await world.Viewer.PostAsJsonAsync("/api/admin/mappings/preview", new { organizationId = org, sourceId = source, payloadId, payload = order });

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = await DataAsync(response);
        Assert.Equal(("ready", "SO-2026-0777"), (preview.GetProperty("status").GetString(), preview.GetProperty("invoice").GetProperty("DocNumber").GetString()));
        Assert.Equal((HttpStatusCode.NotFound, "PAYLOAD_NOT_FOUND"), (otherSource.StatusCode, await CodeAsync(otherSource)));
        Assert.Equal((HttpStatusCode.NotFound, "PAYLOAD_NOT_FOUND"), (unknown.StatusCode, await CodeAsync(unknown)));
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.True((await JsonAsync(both)).GetProperty("errors").TryGetProperty("payloadId", out _));
    }

    /// <summary>Installs the built-in templates (idempotent across the class's shared database) and returns the generic one's id.</summary>
    private static async Task<string> InstallGenericTemplateAsync(AdminMappingWorld world)
    {
        await world.Service.Services.GetRequiredService<TemplateInstaller>().InstallAsync(default);
        var templates = await world.Service.Services.GetRequiredService<MappingStore>().GetGlobalTemplatesAsync("generic", default);
        return Assert.Single(templates).TemplateId;
    }
}
