using System.Net;
using System.Net.Http.Json;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Tests.TestSupport;
using static AccountingIntegration.Tests.Admin.Mappings.AdminMappingWorld;

namespace AccountingIntegration.Tests.Admin.Mappings;

/// <summary>A mapping write's audit entry names the rules it added, removed or changed, and never their values.</summary>
public sealed class AdminMappingAuditTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly object[] FirstRules =
    [
        new { qboField = "DocNumber", sourceField = "number" },
        new { qboField = "TxnDate", sourceField = "date", transformation = "formatDate" },
    ];

    private static readonly object[] SecondRules =
    [
        new { qboField = "DocNumber", sourceField = "number", transformation = "toString|concat:SO-" },
        new { qboField = "PrivateNote", sourceField = "note" },
    ];

    [Theory, BothDatabases]
    public async Task PutSourceMapping_ChangedRules_AuditNamesFieldsAddedRemovedChanged_WithoutValues(DatabaseKind kind)
    {
        await using var world = await StartAsync(await databases.GetAsync(kind));
        var (org, source) = await world.OrganizationAsync(UniqueSourceType());
        var path = $"/api/admin/organizations/{org}/sources/{source}/mapping";

        using var first = await world.Admin.PutAsJsonAsync(path, new
        {
            fieldMappings = FirstRules, staticValues = new Dictionary<string, object> { ["CurrencyRef.value"] = "USD", ["PrivateNote"] = "first-note" },
        });
        using var second = await world.Admin.PutAsJsonAsync(path, new
        {
            fieldMappings = SecondRules, staticValues = new Dictionary<string, object> { ["CurrencyRef.value"] = "EUR", ["ClassRef.value"] = "7" },
        });
        var saves = await world.AuditEntriesAsync(e => e.OrganizationId == org && e.Action == "source_mapping.saved", 2);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        var created = saves.Single(e => e.Details["fieldMappingsRemoved"] is null);
        Assert.Equal(["DocNumber", "TxnDate"], Names(created, "fieldMappingsAdded"));
        Assert.Equal(["CurrencyRef.value", "PrivateNote"], Names(created, "staticValuesAdded"));
        var edited = saves.Single(e => e.Details["fieldMappingsRemoved"] is not null);
        Assert.Equal(["PrivateNote"], Names(edited, "fieldMappingsAdded"));
        Assert.Equal(["TxnDate"], Names(edited, "fieldMappingsRemoved"));
        Assert.Equal(["DocNumber"], Names(edited, "fieldMappingsChanged"));
        Assert.Equal(["ClassRef.value"], Names(edited, "staticValuesAdded"));
        Assert.Equal(["PrivateNote"], Names(edited, "staticValuesRemoved"));
        Assert.Equal(["CurrencyRef.value"], Names(edited, "staticValuesChanged"));
        var text = edited.Details.ToJsonString();
        Assert.DoesNotContain("EUR", text, StringComparison.Ordinal);
        Assert.DoesNotContain("concat", text, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task UpdateOverride_ChangedTransformation_AuditNamesTheField(DatabaseKind kind)
    {
        await using var world = await StartAsync(await databases.GetAsync(kind));
        var (org, _) = await world.OrganizationAsync(UniqueSourceType());
        var path = $"/api/admin/organizations/{org}/overrides";

        using var created = await world.Admin.PostAsJsonAsync(path, new { fieldMappings = FirstRules });
        var id = (await DataAsync(created)).GetProperty("overrideId").GetString();
        using var updated = await world.Admin.PutAsJsonAsync($"{path}/{id}", new
        {
            fieldMappings = new object[] { FirstRules[0], new { qboField = "TxnDate", sourceField = "date", transformation = "inTimeZone:Europe/Berlin|formatDate" } },
        });
        var update = (await world.AuditEntriesAsync(e => e.TargetId == id && e.Action == "mapping_override.updated", 1)).Single();

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(["TxnDate"], Names(update, "fieldMappingsChanged"));
        Assert.Null(update.Details["fieldMappingsAdded"]);
        Assert.Null(update.Details["fieldMappingsRemoved"]);
    }

    private static List<string> Names(AuditEntry entry, string property) =>
        entry.Details[property] is { } names ? [.. names.AsArray().Select(name => (string)name!)] : [];
}
