using System.Net;
using System.Net.Http.Json;
using AccountingIntegration.Features.Mapping;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Tests.TestSupport;
using static AccountingIntegration.Tests.Admin.Mappings.AdminMappingWorld;

namespace AccountingIntegration.Tests.Admin.Mappings;

public sealed class AdminOverrideTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly object[] DocNumberFromRef = [new { qboField = "DocNumber", sourceField = "ref" }];

    [Theory, BothDatabases]
    public async Task Overrides_CreateUpdateScopeDelete_EveryWriteIsAudited(DatabaseKind kind)
    {
        await using var world = await StartAsync(await databases.GetAsync(kind));
        var (org, source) = await world.OrganizationAsync(UniqueSourceType());
        var path = $"/api/admin/organizations/{org}/overrides";

        using var created = await world.Admin.PostAsJsonAsync(path, new { name = "Memo", fieldMappings = DocNumberFromRef, priority = 10 });
        var id = (await DataAsync(created)).GetProperty("overrideId").GetString();
        using var putByBody = await world.Admin.PutAsJsonAsync(path, new { overrideId = id, staticValues = new Dictionary<string, object> { ["PrivateNote"] = "x" } });
        using var scoped = await world.Admin.PutAsJsonAsync($"{path}/{id}", new { sourceId = source, priority = 20 });
        var listed = await DataAsync(await world.Viewer.GetAsync(path));
        using var unscoped = await world.Admin.PutAsJsonAsync($"{path}/{id}", new { sourceId = (string?)null });
        using var createdByPut = await world.Admin.PutAsJsonAsync(path, new { fieldMappings = DocNumberFromRef });
        using var deleted = await world.Admin.DeleteAsync($"{path}/{id}");
        using var gone = await world.Admin.GetAsync($"{path}/{id}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("x", (await DataAsync(putByBody)).GetProperty("staticValues").GetProperty("PrivateNote").GetString());
        var scopedData = await DataAsync(scoped);
        Assert.Equal((source, 20, "ref"), (scopedData.GetProperty("sourceId").GetString(), scopedData.GetProperty("priority").GetInt32(),
            scopedData.GetProperty("fieldMappings")[0].GetProperty("sourceField").GetString()));
        Assert.Equal(id, listed[0].GetProperty("overrideId").GetString());
        Assert.Null((await DataAsync(unscoped)).GetProperty("sourceId").GetString());
        Assert.Equal(HttpStatusCode.Created, createdByPut.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal("OVERRIDE_NOT_FOUND", await CodeAsync(gone));
        Assert.Equal(["mapping_override.created", "mapping_override.deleted", "mapping_override.updated", "mapping_override.updated", "mapping_override.updated"],
            await world.AuditActionsAsync(e => e.TargetId == id && e.OrganizationId == org, 5));
    }

    [Theory, BothDatabases]
    public async Task UpdateOverride_WithTheVersionRead_LosesWith409ToASaveMadeMeanwhile(DatabaseKind kind)
    {
        await using var world = await StartAsync(await databases.GetAsync(kind));
        var (org, _) = await world.OrganizationAsync(UniqueSourceType());
        var path = $"/api/admin/organizations/{org}/overrides";
        using var created = await world.Admin.PostAsJsonAsync(path, new { name = "Memo", fieldMappings = DocNumberFromRef, priority = 1 });
        var read = await DataAsync(created);
        var (id, version) = (read.GetProperty("overrideId").GetString(), read.GetProperty("version").GetString());

        using var theirs = await world.Admin.PutAsJsonAsync($"{path}/{id}", new { priority = 2, version });
        using var mine = await world.Admin.PutAsJsonAsync($"{path}/{id}", new { priority = 3, version });
        using var byBody = await world.Admin.PutAsJsonAsync(path, new { overrideId = id, priority = 4, version });
        var stored = await DataAsync(await world.Viewer.GetAsync($"{path}/{id}"));
        using var unversioned = await world.Admin.PutAsJsonAsync($"{path}/{id}", new { priority = 5 });

        Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);
        Assert.NotEqual(version, (await DataAsync(theirs)).GetProperty("version").GetString());
        Assert.Equal((HttpStatusCode.Conflict, "VERSION_CONFLICT"), (mine.StatusCode, await CodeAsync(mine)));
        Assert.Equal((HttpStatusCode.Conflict, "VERSION_CONFLICT"), (byBody.StatusCode, await CodeAsync(byBody)));
        Assert.Equal(2, stored.GetProperty("priority").GetInt32());
        Assert.Equal(HttpStatusCode.OK, unversioned.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task UpdateOverrideAsync_ExpectingAChangeTimeNoLongerStored_WritesNothing(DatabaseKind kind)
    {
        await using var world = await StartAsync(await databases.GetAsync(kind));
        var (org, _) = await world.OrganizationAsync(UniqueSourceType());
        var store = world.Service.Services.GetRequiredService<MappingStore>();
        var created = await store.CreateOverrideAsync(org, null, "Race", "[]", "{}", 1, default);
        var read = (await store.GetOverrideAsync(org, created.OverrideId, default))!;

        // Two saves from the same read: the first moves the change time (even on a clock that has not moved), the second finds it gone.
        var first = await store.UpdateOverrideAsync(read with { Priority = 2 }, default, read.UpdatedAt);
        var second = await store.UpdateOverrideAsync(read with { Priority = 3 }, default, read.UpdatedAt);
        var stored = (await store.GetOverrideAsync(org, created.OverrideId, default))!;

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(2, stored.Priority);
        Assert.NotEqual(read.Version, stored.Version);
    }

    [Theory, BothDatabases]
    public async Task Overrides_AnotherOrganizationsIds_Are404(DatabaseKind kind)
    {
        await using var world = await StartAsync(await databases.GetAsync(kind));
        var type = UniqueSourceType();
        var (org, _) = await world.OrganizationAsync(type);
        var (otherOrg, otherSource) = await world.OrganizationAsync(type);
        using var mine = await world.Admin.PostAsJsonAsync($"/api/admin/organizations/{org}/overrides", new { fieldMappings = DocNumberFromRef });
        var mineId = (await DataAsync(mine)).GetProperty("overrideId").GetString();

        using var foreignSource = await world.Admin.PostAsJsonAsync($"/api/admin/organizations/{org}/overrides", new { sourceId = otherSource, fieldMappings = DocNumberFromRef });
        using var foreignRead = await world.Admin.GetAsync($"/api/admin/organizations/{otherOrg}/overrides/{mineId}");
        using var foreignDelete = await world.Admin.DeleteAsync($"/api/admin/organizations/{otherOrg}/overrides/{mineId}");
        using var foreignMapping = await world.Admin.PutAsJsonAsync($"/api/admin/organizations/{org}/sources/{otherSource}/mapping", new { fieldMappings = DocNumberFromRef });
        using var foreignPreview = await world.Admin.PostAsJsonAsync("/api/admin/mappings/preview", new { organizationId = org, sourceId = otherSource, payload = new { } });
        using var unknownOrg = await world.Admin.GetAsync("/api/admin/organizations/nope/overrides");

        Assert.Equal((HttpStatusCode.NotFound, "SOURCE_NOT_FOUND"), (foreignSource.StatusCode, await CodeAsync(foreignSource)));
        Assert.Equal((HttpStatusCode.NotFound, "OVERRIDE_NOT_FOUND"), (foreignRead.StatusCode, await CodeAsync(foreignRead)));
        Assert.Equal(HttpStatusCode.NotFound, foreignDelete.StatusCode);
        Assert.Equal((HttpStatusCode.NotFound, "SOURCE_NOT_FOUND"), (foreignMapping.StatusCode, await CodeAsync(foreignMapping)));
        Assert.Equal((HttpStatusCode.NotFound, "SOURCE_NOT_FOUND"), (foreignPreview.StatusCode, await CodeAsync(foreignPreview)));
        Assert.Equal("ORG_NOT_FOUND", await CodeAsync(unknownOrg));
        Assert.Equal(0, (await DataAsync(await world.Admin.GetAsync($"/api/admin/organizations/{otherOrg}/overrides"))).GetArrayLength());
    }

    [Theory, BothDatabases]
    public async Task PutOverride_AfterTheMergeWasCached_TheMergeChangesAtOnce(DatabaseKind kind)
    {
        await using var world = await StartAsync(await databases.GetAsync(kind));
        var sourceType = UniqueSourceType();
        var (org, source) = await world.OrganizationAsync(sourceType);
        var merger = world.Service.Services.GetRequiredService<MappingMergerService>();
        var view = new OrganizationSource(org, source, sourceType, true);
        using var own = await world.Admin.PutAsJsonAsync($"/api/admin/organizations/{org}/sources/{source}/mapping", new
        {
            fieldMappings = new object[] { new { qboField = "DocNumber", sourceField = "a" } },
        });
        var before = await merger.GetEffectiveMappingAsync(view, default);

        using var created = await world.Admin.PostAsJsonAsync($"/api/admin/organizations/{org}/overrides", new
        {
            sourceId = source, priority = 100, fieldMappings = new object[] { new { qboField = "DocNumber", sourceField = "b" } },
        });
        var afterCreate = await merger.GetEffectiveMappingAsync(view, default);
        var id = (await DataAsync(created)).GetProperty("overrideId").GetString();
        using var updated = await world.Admin.PutAsJsonAsync($"/api/admin/organizations/{org}/overrides/{id}", new
        {
            fieldMappings = new object[] { new { qboField = "DocNumber", sourceField = "c" } },
        });
        var afterUpdate = await merger.GetEffectiveMappingAsync(view, default);

        Assert.Equal("a", before.Mapping!.FieldMappings.Single().Mapping.SourceField);
        Assert.Equal(("b", id), (afterCreate.Mapping!.FieldMappings.Single().Mapping.SourceField, afterCreate.Mapping.FieldMappings.Single().LayerId));
        Assert.Equal("c", afterUpdate.Mapping!.FieldMappings.Single().Mapping.SourceField);
    }
}
