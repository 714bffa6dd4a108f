using System.Net;
using System.Net.Http.Json;
using AccountingIntegration.Tests.TestSupport;
using static AccountingIntegration.Tests.Admin.Mappings.AdminMappingWorld;

namespace AccountingIntegration.Tests.Admin.Mappings;

public sealed class AdminTemplateTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task Templates_CreateReadUpdateListDeactivate_VersionMovesAndEveryWriteIsAudited(DatabaseKind kind)
    {
        await using var world = await StartAsync(await databases.GetAsync(kind));
        var type = UniqueSourceType();

        using var created = await world.Admin.PostAsJsonAsync("/api/admin/templates", new
        {
            name = "Orders", sourceType = type, description = "test",
            fieldMappings = new object[] { new { qboField = "DocNumber", sourceField = "number", transformation = "toString" } },
            staticValues = new Dictionary<string, object> { ["CurrencyRef.value"] = "USD" },
            priority = 5,
        });
        var template = await DataAsync(created);
        var id = template.GetProperty("templateId").GetString();
        var read = await DataAsync(await world.Admin.GetAsync($"/api/admin/templates/{id}"));
        using var updated = await world.Admin.PutAsJsonAsync($"/api/admin/templates/{id}", new { version = 1, name = "Orders v2" });
        using var stale = await world.Admin.PutAsJsonAsync($"/api/admin/templates/{id}", new { version = 1, name = "Lost update" });
        var listed = await JsonAsync(await world.Admin.GetAsync($"/api/admin/templates?sourceType={type}"));
        using var deactivated = await world.Admin.DeleteAsync($"/api/admin/templates/{id}");
        var activeOnly = await JsonAsync(await world.Admin.GetAsync($"/api/admin/templates?sourceType={type}&activeOnly=true"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/admin/templates/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal(1, template.GetProperty("version").GetInt32());
        Assert.Equal("toString", read.GetProperty("fieldMappings")[0].GetProperty("transformation").GetString());
        Assert.Equal("USD", read.GetProperty("staticValues").GetProperty("CurrencyRef.value").GetString());
        Assert.Equal(5, read.GetProperty("priority").GetInt32());
        Assert.Equal((HttpStatusCode.OK, 2), (updated.StatusCode, (await DataAsync(updated)).GetProperty("version").GetInt32()));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("VERSION_CONFLICT", await CodeAsync(stale));
        Assert.Equal("Orders v2", listed.GetProperty("data")[0].GetProperty("name").GetString());
        Assert.Equal(1, listed.GetProperty("pagination").GetProperty("total").GetInt64());
        Assert.False((await DataAsync(deactivated)).GetProperty("isActive").GetBoolean());
        Assert.Equal(0, activeOnly.GetProperty("pagination").GetProperty("total").GetInt64());
        Assert.Equal(["mapping_template.created", "mapping_template.deactivated", "mapping_template.updated"],
            await world.AuditActionsAsync(e => e.TargetId == id, 3));
    }

    [Theory, BothDatabases]
    public async Task CreateTemplate_InvalidLayer_Is400NamingEachField(DatabaseKind kind)
    {
        await using var world = await StartAsync(await databases.GetAsync(kind));

        using var response = await world.Admin.PostAsJsonAsync("/api/admin/templates", new
        {
            name = "", sourceType = UniqueSourceType(),
            fieldMappings = new object[]
            {
                new { qboField = "Line[].SalesItemLineDetail.UnitPrice", sourceField = "price", transformation = "multiply:abc" },
                new { qboField = "customerRef.value", sourceField = "email" },
                new { qboField = "DocNumber", sourceField = "items[" },
                new { qboField = "PrivateNote", sourceField = "note", transform = "trim" },
            },
        });
        var problem = await JsonAsync(response);
        var errors = problem.GetProperty("errors");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("VALIDATION_FAILED", problem.GetProperty("code").GetString());
        Assert.Contains("INVALID_TRANSFORMATION", errors.GetProperty("fieldMappings[0].transformation")[0].GetString());
        Assert.Contains("INVALID_QBO_FIELD", errors.GetProperty("fieldMappings[1].qboField")[0].GetString());
        Assert.Contains("INVALID_SOURCE_PATH", errors.GetProperty("fieldMappings[2].sourceField")[0].GetString());
        Assert.True(errors.TryGetProperty("fieldMappings[3].transform", out _));
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.Equal(0, (await JsonAsync(await world.Admin.GetAsync("/api/admin/templates?sourceType=never-stored"))).GetProperty("pagination").GetProperty("total").GetInt64());
    }

    [Theory, BothDatabases]
    public async Task Templates_ViewerReadsButCannotWrite_AnonymousIs401(DatabaseKind kind)
    {
        await using var world = await StartAsync(await databases.GetAsync(kind));
        using var created = await world.Admin.PostAsJsonAsync("/api/admin/templates", new { name = "T", sourceType = UniqueSourceType() });
        var id = (await DataAsync(created)).GetProperty("templateId").GetString();

        using var read = await world.Viewer.GetAsync($"/api/admin/templates/{id}");
        using var create = await world.Viewer.PostAsJsonAsync("/api/admin/templates", new { name = "T", sourceType = "generic" });
        using var update = await world.Viewer.PutAsJsonAsync($"/api/admin/templates/{id}", new { version = 1, name = "X" });
        using var delete = await world.Viewer.DeleteAsync($"/api/admin/templates/{id}");
        using var anonymous = await world.Service.Client.GetAsync("/api/admin/templates");
        using var unknown = await world.Admin.GetAsync("/api/admin/templates/does-not-exist");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], [create.StatusCode, update.StatusCode, delete.StatusCode]);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("TEMPLATE_NOT_FOUND", await CodeAsync(unknown));
        Assert.Equal(1, (await DataAsync(await world.Admin.GetAsync($"/api/admin/templates/{id}"))).GetProperty("version").GetInt32());
    }
}
