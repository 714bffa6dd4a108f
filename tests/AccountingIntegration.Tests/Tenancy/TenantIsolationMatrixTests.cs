using System.Diagnostics;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.TestSupport;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace AccountingIntegration.Tests.Tenancy;

/// <summary>
/// Tenant isolation, generated from the running service's route table: every route that takes an
/// organization (a slug, an organization id, or an API key) is called with every credential that must
/// not reach F's data — G's key on F's slug and on F's ids, F's key bound to another source, F's
/// revoked and expired keys, a deactivated organization's key, a viewer's token on writes, nothing —
/// and must answer the refusal its class promises, a problem that carries nothing of F's.
/// </summary>
public sealed class TenantIsolationMatrixTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(45);

    [Theory, BothDatabases]
    public async Task EveryRoute_EveryForeignCredential_IsRefusedWithoutFsData(DatabaseKind kind)
    {
        await using var world = await MatrixWorld.StartAsync(await databases.GetAsync(kind));
        var routes = RouteTable.Mapped(world.Service.Services);
        AssertEveryRouteClassified(routes);
        using var client = world.Client();
        var failures = new List<string>();
        var probes = 0;
        var watch = Stopwatch.StartNew();

        foreach (var route in routes)
        {
            foreach (var probe in Probes.For(route, RouteTable.Classified[route.ToString()], world))
            {
                probes++;
                using var request = probe.Request();
                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if (probe.Check((int)response.StatusCode, body, response.Content.Headers.ContentType?.MediaType) is { } failure)
                {
                    failures.Add($"{probe.Name} {request.Method} {request.RequestUri}: {failure} — got {(int)response.StatusCode} {Truncate(body)}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {probes} probes failed:\n" + string.Join("\n", failures));
        // Hundreds of probes across all classes ran, so the matrix cannot pass by probing nothing.
        Assert.True(probes > 200, $"only {probes} probes");
        Assert.True(watch.Elapsed < Budget, $"the matrix took {watch.Elapsed}");
        await AssertNothingOfFChangedAsync(world);
    }

    [Fact]
    public async Task RouteTable_ARouteNobodyClassified_FailsTheMatrix()
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(DatabaseKind.Sqlite));
        var routes = RouteTable.Mapped(service.Services);
        var added = new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse("/api/v1/org/{slug}/something-new"), 0,
            new EndpointMetadataCollection(new HttpMethodMetadata(["GET"])), "something new");

        AssertEveryRouteClassified(routes);
        var failure = Assert.ThrowsAny<Exception>(() => AssertEveryRouteClassified([.. routes, new MappedRoute("GET", "/api/v1/org/{slug}/something-new", added)]));
        Assert.Contains("GET /api/v1/org/{slug}/something-new", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>A mapped route missing from the table fails here; so does the table naming a route that is gone or disagreeing with the service.</summary>
    private static void AssertEveryRouteClassified(IReadOnlyList<MappedRoute> routes)
    {
        var unclassified = routes.Where(r => !RouteTable.Classified.ContainsKey(r.ToString())).Select(r => r.ToString()).ToList();
        Assert.True(unclassified.Count == 0, "Classify these routes in RouteTable (who may call them?):\n" + string.Join("\n", unclassified));
        var gone = RouteTable.Classified.Keys.Except(routes.Select(r => r.ToString())).ToList();
        Assert.True(gone.Count == 0, "RouteTable names routes the service no longer maps:\n" + string.Join("\n", gone));
        var disagreeing = routes
            .Where(r => RouteTable.DeclaredTenantAccess(r) is { } declared ? declared != RouteTable.Classified[r.ToString()]
                : RouteTable.Classified[r.ToString()] is RouteAccess.Tenant or RouteAccess.TenantSourceScoped)
            .Select(r => $"{r}: table {RouteTable.Classified[r.ToString()]}, service {RouteTable.DeclaredTenantAccess(r)?.ToString() ?? "not a tenant route"}")
            .ToList();
        Assert.True(disagreeing.Count == 0, "RouteTable and the service's tenant metadata disagree:\n" + string.Join("\n", disagreeing));
    }

    private static async Task AssertNothingOfFChangedAsync(MatrixWorld world)
    {
        var webhooks = world.Service.Services.GetRequiredService<WebhookStore>();
        var payloads = await webhooks.ListPayloadsAsync(world.F.OrganizationId, new PayloadFilter(), new PageRequest(), default);
        var sources = await webhooks.ListSourcesAsync(world.F.OrganizationId, default);
        var organization = await world.Service.Services.GetRequiredService<OrganizationStore>().GetByIdAsync(world.F.OrganizationId, default);
        Assert.Equal(2, payloads.Total);
        Assert.All(payloads.Items, p => Assert.Equal(PayloadStatus.Queued, p.Status));
        Assert.Equal(2, sources.Count);
        Assert.True(organization!.IsActive);
        Assert.Equal(world.F.Settings.ToJsonString(), organization.Settings.ToJsonString());
    }

    private static string Truncate(string body) => body.Length > 300 ? body[..300] + "…" : body;
}
