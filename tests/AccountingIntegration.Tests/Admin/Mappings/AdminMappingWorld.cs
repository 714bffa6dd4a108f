using System.Net.Http.Json;
using System.Text.Json;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Admin.Mappings;

/// <summary>The service on a test database with an admin and a viewer client, and helpers to set up organizations and read answers.</summary>
internal sealed class AdminMappingWorld : IAsyncDisposable
{
    private AdminMappingWorld(TestService service, string adminId, HttpClient admin, HttpClient viewer)
    {
        Service = service;
        AdminId = adminId;
        Admin = admin;
        Viewer = viewer;
    }

    public TestService Service { get; }

    public string AdminId { get; }

    public HttpClient Admin { get; }

    public HttpClient Viewer { get; }

    public static async Task<AdminMappingWorld> StartAsync(TestDatabase database)
    {
        var service = await TestService.StartAsync(database);
        try
        {
            var (adminUser, adminToken) = await Admins.CreateAsync(service.Services);
            var (_, viewerToken) = await Admins.CreateAsync(service.Services, AdminRoles.Viewer);
            return new AdminMappingWorld(service, adminUser.UserId, Admins.Client(service, adminToken), Admins.Client(service, viewerToken));
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>A source type no other test uses, so no template installed elsewhere in the shared database reaches it.</summary>
    public static string UniqueSourceType() => "custom-" + Guid.NewGuid().ToString("N")[..10];

    public async Task<(string OrganizationId, string SourceId)> OrganizationAsync(string sourceType, string? eventTypePath = null)
    {
        var organization = await Service.Services.GetRequiredService<OrganizationStore>().CreateAsync("Mapped", Unique.Slug("map"), "pro", null, default);
        var source = await Service.Services.GetRequiredService<WebhookStore>().CreateSourceAsync(
            organization.OrganizationId, "main", sourceType, "none", null, null, true, default, eventTypePath);
        return (organization.OrganizationId, source.SourceId);
    }

    /// <summary>
    /// The actions, sorted, of this world's admin's mapping audit entries that match, once <paramref name="count"/>
    /// of them are stored: audit entries may be written in batches after the response, so this polls with a deadline.
    /// </summary>
    public async Task<IReadOnlyList<string>> AuditActionsAsync(Func<AuditEntry, bool> which, int count) =>
        (await AuditEntriesAsync(which, count)).Select(e => e.Action).Order(StringComparer.Ordinal).ToList();

    /// <summary>This world's admin's mapping audit entries that match, once <paramref name="count"/> of them are stored.</summary>
    public async Task<IReadOnlyList<AuditEntry>> AuditEntriesAsync(Func<AuditEntry, bool> which, int count)
    {
        var store = Service.Services.GetRequiredService<AuditLogStore>();
        return await Eventually.GetAsync(
            async () => (await store.ListAsync(new AuditFilter { Category = "mapping", ActorId = AdminId }, new(1, 200), default)).Items.Where(which).ToList(),
            entries => entries.Count >= count);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    public static async Task<JsonElement> DataAsync(HttpResponseMessage response) => (await JsonAsync(response)).GetProperty("data");

    public static async Task<string?> CodeAsync(HttpResponseMessage response) => (await JsonAsync(response)).GetProperty("code").GetString();

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        Viewer.Dispose();
        await Service.DisposeAsync();
    }
}
