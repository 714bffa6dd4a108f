using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AccountingIntegration.Features.ApiKeys;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace AccountingIntegration.Tests.Tenancy;

/// <summary>
/// The organizations the isolation matrix works with: F, whose data must not leak, with two sources
/// (A, the default, and B), a payload on each, its own key, a key bound to B, a revoked and an expired
/// key; G, another organization with its key; D, a deactivated organization with its key; a viewer.
/// </summary>
internal sealed class MatrixWorld : IAsyncDisposable
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["WORKER_CONCURRENCY"] = "0",
        // The matrix sends hundreds of requests in seconds, many with unknown keys, which count per client IP.
        ["RATE_LIMIT_PUBLIC_PER_MINUTE"] = "0",
        ["PLAN_PRO_REQUESTS_PER_MINUTE"] = "0",
    };

    private MatrixWorld(TestService service, FakeTimeProvider clock)
    {
        Service = service;
        Clock = clock;
    }

    public TestService Service { get; }

    public FakeTimeProvider Clock { get; }

    public Organization F { get; private set; } = null!;

    public WebhookSource SourceA { get; private set; } = null!;

    public WebhookSource SourceB { get; private set; } = null!;

    public string PayloadA { get; private set; } = null!;

    public string PayloadB { get; private set; } = null!;

    /// <summary>A string only F's payload bodies contain.</summary>
    public string BodyMarker { get; } = "victim-body-" + Guid.NewGuid().ToString("N");

    public string FKey { get; private set; } = null!;

    public string BoundKey { get; private set; } = null!;

    public string RevokedKey { get; private set; } = null!;

    public string ExpiredKey { get; private set; } = null!;

    public Organization G { get; private set; } = null!;

    public string GKey { get; private set; } = null!;

    public Organization D { get; private set; } = null!;

    public string DKey { get; private set; } = null!;

    public string ViewerToken { get; private set; } = null!;

    /// <summary>Strings that are F's and that a caller other than F must never read.</summary>
    public IReadOnlyList<string> Secrets => [F.OrganizationId, F.Name, SourceA.SourceId, SourceA.Name, SourceB.Name, PayloadA, PayloadB, BodyMarker];

    public static async Task<MatrixWorld> StartAsync(TestDatabase database)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var service = await TestService.StartAsync(database, Settings, services => services.AddSingleton<TimeProvider>(clock));
        var world = new MatrixWorld(service, clock);
        try
        {
            await world.SetUpAsync();
            return world;
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }
    }

    public HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Service.BaseAddress };

    private async Task SetUpAsync()
    {
        var organizations = Service.Services.GetRequiredService<OrganizationStore>();
        var webhooks = Service.Services.GetRequiredService<WebhookStore>();
        var keys = Service.Services.GetRequiredService<ApiKeyStore>();
        var unique = Guid.NewGuid().ToString("N")[..10];

        F = await organizations.CreateAsync("Victim " + unique, Unique.Slug(), "pro", null, default);
        SourceA = await webhooks.CreateSourceAsync(F.OrganizationId, "victim-a-" + unique, "generic", "none", null, null, true, default);
        SourceB = await webhooks.CreateSourceAsync(F.OrganizationId, "victim-b-" + unique, "generic", "none", null, null, false, default);
        (FKey, _) = await KeyAsync(F, null, null);
        (BoundKey, _) = await KeyAsync(F, SourceB.SourceId, null);
        (RevokedKey, var revokedId) = await KeyAsync(F, null, null);
        (ExpiredKey, _) = await KeyAsync(F, null, Clock.GetUtcNow().UtcDateTime.AddMinutes(1));
        PayloadA = await IngestAsync(SourceA, "a");
        PayloadB = await IngestAsync(SourceB, "b");

        G = await organizations.CreateAsync("Other " + unique, Unique.Slug(), "pro", null, default);
        await webhooks.CreateSourceAsync(G.OrganizationId, "other-" + unique, "generic", "none", null, null, true, default);
        (GKey, _) = await KeyAsync(G, null, null);

        D = await organizations.CreateAsync("Gone " + unique, Unique.Slug(), "pro", null, default);
        (DKey, _) = await KeyAsync(D, null, null);
        await organizations.DeactivateAsync(D.OrganizationId, default);

        await keys.RevokeAsync(F.OrganizationId, revokedId, Clock.GetUtcNow().UtcDateTime, default);
        ViewerToken = (await Admins.CreateAsync(Service.Services, AdminRoles.Viewer)).Token;

        // The expiring key works, and is cached by the authenticator, until the clock passes its expiry.
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/org/{F.Slug}/status");
        request.Headers.Add(CredentialHeaders.ApiKey, ExpiredKey);
        using var beforeExpiry = await client.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, beforeExpiry.StatusCode);
        Clock.Advance(TimeSpan.FromMinutes(2));

        async Task<(string Key, string KeyId)> KeyAsync(Organization organization, string? sourceId, DateTime? expiresAt)
        {
            var key = SecretTokens.New(SecretTokens.ApiKeyPrefix);
            var stored = await keys.CreateAsync(organization.OrganizationId, sourceId, "matrix key", SecretTokens.DisplayPrefix(key), SecretTokens.Hash(key), expiresAt, default);
            return (key, stored.KeyId);
        }
    }

    private async Task<string> IngestAsync(WebhookSource source, string tag)
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/webhook/{F.Slug}/{source.SourceId}")
        {
            Content = new StringContent($$"""{"id":"{{tag}}","note":"{{BodyMarker}}"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(CredentialHeaders.ApiKey, FKey);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("payloadId").GetString()!;
    }

    public ValueTask DisposeAsync() => Service.DisposeAsync();
}
