using AccountingIntegration.Features.Admin;
using AccountingIntegration.Features.Alerts;
using AccountingIntegration.Features.ApiKeys;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Books;
using AccountingIntegration.Features.Connections;
using AccountingIntegration.Features.Drift;
using AccountingIntegration.Features.Health;
using AccountingIntegration.Features.Import;
using AccountingIntegration.Features.Mapping;
using AccountingIntegration.Features.OperatorConsole;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Proxy;
using AccountingIntegration.Features.Sync;
using AccountingIntegration.Features.Tenancy;
using AccountingIntegration.Features.Tiers;
using AccountingIntegration.Features.Usage;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Commands;
using AccountingIntegration.Infrastructure.Concurrency;
using AccountingIntegration.Infrastructure.Configuration;
using AccountingIntegration.Infrastructure.Csv;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.OpenApi;
using AccountingIntegration.Infrastructure.QuickBooks;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Infrastructure.Telemetry;

WebApplication app;
try
{
    app = Program.BuildApp(args);
}
catch (ConfigurationProblemsException e)
{
    // One line per problem, no stack trace: this is an operator's to-do list.
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}

if (ServiceCommands.IsUnknownCommand(app.Services, args))
{
    return await ServiceCommands.RefuseUnknownAsync(app.Services, args);
}

try
{
    if (ServiceCommands.IsCommand(app.Services, args))
    {
        return await ServiceCommands.RunAsync(app.Services, args);
    }

    await StartupFailure.StartAsync(app);
}
catch (Exception e) when (StartupFailure.Describe(e) is { } line)
{
    // An unreachable database or a taken port: one line naming the setting, like a bad setting.
    await Console.Error.WriteLineAsync(line);
    return 2;
}

await app.WaitForShutdownAsync();
await app.DisposeAsync();
return 0;

/// <summary>
/// The service's composition: shared infrastructure, then one <c>AddX</c> and one <c>MapX</c> per
/// feature, lowest first. Features depend only on those above them in this list (docs/architecture.md).
/// Tests build the same app on real Kestrel.
/// </summary>
public partial class Program
{
    /// <param name="args">Command line; <c>--KEY=value</c> pairs are settings like environment variables.</param>
    /// <param name="overrides">Test hook, applied last: swap infrastructure such as the clock.</param>
    internal static WebApplication BuildApp(string[] args, Action<IServiceCollection>? overrides = null)
    {
        var builder = ServiceHost.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddDataLayer();
        builder.AddConcurrency();
        builder.AddCsvExports();
        builder.AddSecurity();
        builder.AddTelemetry();
        builder.AddQuickBooks();
        builder.AddApiDocs();

        builder.AddAudit();
        builder.AddOrganizations();
        builder.AddApiKeys();
        builder.AddTenancy();
        builder.AddPlanTiers();
        builder.AddApiUsage();
        builder.AddConnections();
        builder.AddSync();
        builder.AddMapping();
        builder.AddBooks();
        builder.AddWebhooks();
        builder.AddAlerts();
        builder.AddDrift();
        builder.AddProxy();
        builder.AddHealth();
        builder.AddAdmin();
        builder.AddImport();
        builder.AddConsole();
        overrides?.Invoke(builder.Services);

        var app = builder.BuildService();
        app.UseRequestIds();
        // Outside the error handler, so usage records the status the caller received.
        app.UseApiUsage();
        app.UseServiceDefaults();
        // After routing and authentication: rate-limit partitions use the matched route and the caller.
        app.UsePlanTiers();

        var admin = app.MapAdminRoutes();
        var tenant = app.MapTenancy();
        admin.MapAudit();
        admin.MapOrganizations();
        admin.MapApiKeys();
        admin.MapPlanTiers();
        admin.MapApiUsage();
        app.MapConnections(tenant, admin);
        admin.MapSync();
        admin.MapMapping();
        app.MapWebhooks(tenant, admin);
        admin.MapAlerts(tenant);
        app.MapDrift();
        tenant.MapProxy();
        tenant.MapBooks();
        app.MapHealth();
        app.MapAdmin(admin);
        app.MapApiDocs();
        app.MapTelemetry();
        app.MapConsole();
        return app;
    }
}
