using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Webhooks;

public sealed class PayloadListCursorTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task AdminSearch_NextCursor_GivesTheFollowingPageAndABadOneIsRefusedNamingTheField(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var service = await TestService.StartAsync(database);
        var (_, token) = await Admins.CreateAsync(service.Services);
        using var admin = Admins.Client(service, token);
        var org = (await TestData.OrganizationAsync(database.Database)).OrganizationId;
        var source = (await TestData.SourceAsync(database.Database, org)).SourceId;
        var store = service.Services.GetRequiredService<WebhookStore>();
        for (var i = 0; i < 3; i++)
        {
            await store.CreatePayloadAsync(new NewPayload { OrganizationId = org, SourceId = source, RawPayload = "{}" }, default);
        }

        var first = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/payloads?organizationId={org}&pageSize=2");
        var cursor = first.GetProperty("pagination").GetProperty("nextCursor").GetString();
        var second = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/payloads?organizationId={org}&pageSize=2&cursor={cursor}");
        using var bad = await admin.GetAsync($"/api/admin/payloads?cursor=nonsense!");
        using var both = await admin.GetAsync($"/api/admin/payloads?cursor={cursor}&page=2");

        Assert.Equal(3, first.GetProperty("pagination").GetProperty("total").GetInt64());
        Assert.False(first.GetProperty("pagination").GetProperty("totalIsEstimate").GetBoolean());
        Assert.True(first.GetProperty("pagination").GetProperty("hasMore").GetBoolean());
        Assert.Equal(1, second.GetProperty("data").GetArrayLength());
        Assert.False(second.GetProperty("pagination").GetProperty("hasMore").GetBoolean());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("pagination").GetProperty("nextCursor").ValueKind);
        var ids = first.GetProperty("data").EnumerateArray().Concat(second.GetProperty("data").EnumerateArray()).Select(p => p.GetProperty("payloadId").GetString());
        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("cursor", out _));
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.True((await both.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("page", out _));
    }
}
