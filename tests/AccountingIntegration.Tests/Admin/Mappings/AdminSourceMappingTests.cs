using System.Net;
using System.Net.Http.Json;
using AccountingIntegration.Tests.TestSupport;
using static AccountingIntegration.Tests.Admin.Mappings.AdminMappingWorld;

namespace AccountingIntegration.Tests.Admin.Mappings;

public sealed class AdminSourceMappingTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task SourceMapping_PutReadListDeactivate_ShownWithItsSourceAndAudited(DatabaseKind kind)
    {
        await using var world = await StartAsync(await databases.GetAsync(kind));
        var (org, source) = await world.OrganizationAsync(UniqueSourceType());
        var path = $"/api/admin/organizations/{org}/sources/{source}/mapping";

        using var none = await world.Admin.GetAsync(path);
        using var saved = await world.Admin.PutAsJsonAsync(path, new
        {
            fieldMappings = new object[] { new { qboField = "DocNumber", sourceField = "ref", transformation = "toUpperCase", required = true } },
            staticValues = new Dictionary<string, object> { ["CurrencyRef.value"] = "EUR" },
            priority = 3,
        });
        var read = await DataAsync(await world.Viewer.GetAsync(path));
        var sources = await DataAsync(await world.Viewer.GetAsync($"/api/admin/organizations/{org}/sources"));
        using var viewerWrite = await world.Viewer.PutAsJsonAsync(path, new { });
        using var deactivated = await world.Admin.DeleteAsync(path);
        using var afterDeactivate = await world.Admin.GetAsync(path);

        Assert.Equal((HttpStatusCode.NotFound, "SOURCE_MAPPING_NOT_FOUND"), (none.StatusCode, await CodeAsync(none)));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var rule = read.GetProperty("fieldMappings")[0];
        Assert.Equal(("toUpperCase", true), (rule.GetProperty("transformation").GetString(), rule.GetProperty("required").GetBoolean()));
        Assert.Equal(("EUR", 3), (read.GetProperty("staticValues").GetProperty("CurrencyRef.value").GetString(), read.GetProperty("priority").GetInt32()));
        Assert.Equal(source, sources[0].GetProperty("sourceId").GetString());
        Assert.Equal(read.GetProperty("mappingId").GetString(), sources[0].GetProperty("mapping").GetProperty("mappingId").GetString());
        Assert.False(sources[0].GetProperty("hasSigningSecret").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, viewerWrite.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deactivated.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterDeactivate.StatusCode);
        Assert.Equal(["source_mapping.deactivated", "source_mapping.saved"],
            await world.AuditActionsAsync(e => e.OrganizationId == org, 2));
    }

    [Theory, BothDatabases]
    public async Task PutSourceMapping_WithTheVersionRead_LosesWith409ToASaveMadeMeanwhile(DatabaseKind kind)
    {
        await using var world = await StartAsync(await databases.GetAsync(kind));
        var (org, source) = await world.OrganizationAsync(UniqueSourceType());
        var path = $"/api/admin/organizations/{org}/sources/{source}/mapping";
        using var created = await world.Admin.PutAsJsonAsync(path, new { fieldMappings = Array.Empty<object>(), priority = 1, version = "none" });
        var version = (await DataAsync(await world.Viewer.GetAsync(path))).GetProperty("version").GetString();

        using var theirs = await world.Admin.PutAsJsonAsync(path, new { fieldMappings = Array.Empty<object>(), priority = 2, version });
        using var mine = await world.Admin.PutAsJsonAsync(path, new { fieldMappings = Array.Empty<object>(), priority = 3, version });
        using var again = await world.Admin.PutAsJsonAsync(path, new { fieldMappings = Array.Empty<object>(), priority = 4, version = "none" });
        var stored = await DataAsync(await world.Viewer.GetAsync(path));

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, "VERSION_CONFLICT"), (mine.StatusCode, await CodeAsync(mine)));
        Assert.Equal((HttpStatusCode.Conflict, "VERSION_CONFLICT"), (again.StatusCode, await CodeAsync(again)));
        Assert.Equal(2, stored.GetProperty("priority").GetInt32());
        Assert.NotEqual(version, stored.GetProperty("version").GetString());
    }

    [Theory, BothDatabases]
    public async Task PutSourceMapping_InvalidLayer_Is400NamingEachFieldAndStoresNothing(DatabaseKind kind)
    {
        await using var world = await StartAsync(await databases.GetAsync(kind));
        var (org, source) = await world.OrganizationAsync(UniqueSourceType());
        var path = $"/api/admin/organizations/{org}/sources/{source}/mapping";

        using var response = await world.Admin.PutAsJsonAsync(path, new
        {
            fieldMappings = new object[] { new { qboField = "TxnDate", sourceField = "created", transformation = "multiply:abc" }, "not an object" },
            staticValues = new Dictionary<string, object> { ["TxnDate"] = "22/03/2017" },
        });
        var errors = (await JsonAsync(response)).GetProperty("errors");
        using var after = await world.Admin.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("INVALID_TRANSFORMATION", errors.GetProperty("fieldMappings[0].transformation")[0].GetString());
        Assert.True(errors.TryGetProperty("fieldMappings[1]", out _));
        Assert.True(errors.TryGetProperty("staticValues[\"TxnDate\"]", out _));
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }
}
