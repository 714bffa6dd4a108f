using System.Net;
using System.Net.Http.Json;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Platform;

public sealed class AuditWriterTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task RecordAsync_ManyActionsThenGracefulStop_EveryEntryIsStored(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        var actor = Guid.NewGuid().ToString("N");
        var service = await TestService.StartAsync(database);
        var (admin, token) = await Admins.CreateAsync(service.Services);
        using (var client = Admins.Client(service, token))
        {
            for (var i = 0; i < 5; i++)
            {
                using var response = await client.PostAsJsonAsync("/api/admin/organizations", new { name = "Audited " + i, slug = Unique.Slug() });
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            }
        }

        var audit = service.Services.GetRequiredService<AuditTrail>();
        await Task.WhenAll(Enumerable.Range(0, 1200).Select(i =>
            audit.RecordAsync(new AuditActor("system", actor, null), new AuditAction("test", "test.recorded") { Details = new() { ["n"] = i } }, default)));

        await service.DisposeAsync();

        var store = new AuditLogStore(database.Database, TimeProvider.System);
        var recorded = await store.ListAsync(new AuditFilter { ActorId = actor }, new PageRequest(1, 1), default);
        var created = await store.ListAsync(new AuditFilter { ActorId = admin.UserId, Action = "organization.created" }, new PageRequest(1, 1), default);
        Assert.Equal(1200, recorded.Total);
        Assert.Equal(5, created.Total);
    }

    [Theory, BothDatabases]
    public async Task RecordAsync_ServiceRunning_RowIsStoredWhenItCompletes_WithoutAFlush(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var service = await TestService.StartAsync(database);
        var actor = Guid.NewGuid().ToString("N");
        var store = service.Services.GetRequiredService<AuditLogStore>();

        await service.Services.GetRequiredService<AuditTrail>().RecordAsync(
            new AuditActor("system", actor, null), new AuditAction("test", "test.recorded") { Details = new() { ["password"] = "hunter2!" } }, default);

        // Read once, at once: the writer's batching delay must not stand between an action and its record.
        var page = await store.ListAsync(new AuditFilter { ActorId = actor }, new PageRequest(), default);
        Assert.Equal(AuditRedaction.Redacted, (string?)Assert.Single(page.Items).Details["password"]);
    }

    [Theory, BothDatabases]
    public async Task AuditedAction_IsStored_BeforeItsAnswerArrives(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var service = await TestService.StartAsync(database);
        var (admin, token) = await Admins.CreateAsync(service.Services);
        using var client = Admins.Client(service, token);
        var store = new AuditLogStore(database.Database, TimeProvider.System);

        // A crash just after an answer must not lose the action's record: each read comes straight after its answer.
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostAsJsonAsync("/api/admin/organizations", new { name = "Recorded " + i, slug = Unique.Slug() });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var created = await store.ListAsync(new AuditFilter { ActorId = admin.UserId, Action = "organization.created" }, new PageRequest(1, 1), default);
            Assert.Equal(i + 1, created.Total);
        }
    }

    [Theory, BothDatabases]
    public async Task FlushAsync_AfterRecord_EntryIsReadable(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var service = await TestService.StartAsync(database);
        var actor = Guid.NewGuid().ToString("N");
        var audit = service.Services.GetRequiredService<AuditTrail>();

        await audit.RecordAsync(new AuditActor("system", actor, null), new AuditAction("test", "test.recorded"), default);
        await audit.FlushAsync();

        var page = await service.Services.GetRequiredService<AuditLogStore>().ListAsync(new AuditFilter { ActorId = actor }, new PageRequest(), default);
        Assert.Equal(1, page.Total);
    }

    [Theory, BothDatabases]
    public async Task RecordAsync_HostNeverStarted_StoresDirectly(DatabaseKind kind)
    {
        // CLI commands use the services without running the host, so the writer's loop never runs.
        var database = await databases.GetAsync(kind);
        var settings = new Dictionary<string, string>(TestService.DefaultSettings) { ["DATABASE_URL"] = database.Url };
        await using var app = Program.BuildApp(TestService.ToArgs(settings));
        var actor = Guid.NewGuid().ToString("N");

        await app.Services.GetRequiredService<AuditTrail>().RecordAsync(new AuditActor("cli", actor, null), new AuditAction("test", "test.recorded"), default);

        var page = await app.Services.GetRequiredService<AuditLogStore>().ListAsync(new AuditFilter { ActorId = actor }, new PageRequest(), default);
        Assert.Equal(1, page.Total);
    }
}
