using System.Net.Http.Json;
using System.Text.Json;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Admin.Keys;

/// <summary>A service with an admin, a viewer and an anonymous client, for the operator route tests.</summary>
internal sealed class AdminHarness : IAsyncDisposable
{
    private readonly bool _ownsService;

    private AdminHarness(TestService service, HttpClient admin, HttpClient viewer, bool ownsService)
    {
        Service = service;
        Admin = admin;
        Viewer = viewer;
        _ownsService = ownsService;
    }

    public TestService Service { get; }

    public HttpClient Admin { get; }

    public HttpClient Viewer { get; }

    /// <summary>No credential at all.</summary>
    public HttpClient Anonymous => Service.Client;

    /// <summary>The service's own database, for arranging rows.</summary>
    public Database Database => Service.Services.GetRequiredService<Database>();

    public static async Task<AdminHarness> StartAsync(TestDatabase database, Action<IServiceCollection>? overrides = null)
    {
        var service = await TestService.StartAsync(database, overrides: overrides);
        try
        {
            return await ForAsync(service, ownsService: true);
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>Operators on a service someone else owns (a <see cref="ConnectWorld"/>, a <see cref="PipelineWorld"/>).</summary>
    public static Task<AdminHarness> OnAsync(TestService service) => ForAsync(service, ownsService: false);

    public Task<Organization> OrganizationAsync(string name = "Acme Ltd") =>
        Service.Services.GetRequiredService<OrganizationStore>().CreateAsync(name, Unique.Slug("key"), "pro", null, default);

    /// <summary>
    /// The organization's audit entries with this action, once at least <paramref name="atLeast"/>
    /// are stored: the trail may write in the background, so this polls with a deadline.
    /// </summary>
    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(string organizationId, string action, int atLeast = 1)
    {
        var store = Service.Services.GetRequiredService<AuditLogStore>();
        return await Eventually.GetAsync(
            async () => (await store.ListAsync(new AuditFilter { OrganizationId = organizationId, Action = action }, new PageRequest(1, 100), default)).Items,
            entries => entries.Count >= atLeast);
    }

    public static async Task<JsonElement> DataAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        Viewer.Dispose();
        if (_ownsService)
        {
            await Service.DisposeAsync();
        }
    }

    private static async Task<AdminHarness> ForAsync(TestService service, bool ownsService)
    {
        var (_, adminToken) = await Admins.CreateAsync(service.Services);
        var (_, viewerToken) = await Admins.CreateAsync(service.Services, AdminRoles.Viewer);
        return new AdminHarness(service, Admins.Client(service, adminToken), Admins.Client(service, viewerToken), ownsService);
    }
}
