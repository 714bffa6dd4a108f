using AccountingIntegration.Features.Admin;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Connections;
using AccountingIntegration.Features.Connections.Connect;
using AccountingIntegration.Features.Health;
using AccountingIntegration.Features.Mapping;
using AccountingIntegration.Features.Tenancy;
using AccountingIntegration.Features.Tiers;
using AccountingIntegration.Features.Usage;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Configuration;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.OpenApi;
using AccountingIntegration.Infrastructure.QuickBooks;
using AccountingIntegration.Infrastructure.Security;

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

if (ServiceCommands.IsCommand(args))
{
    return await ServiceCommands.RunAsync(app.Services, args);
}

await app.RunAsync();
return 0;

/// <summary>The service's composition, one line per feature. Tests build the same app on real Kestrel.</summary>
public partial class Program
{
    /// <param name="args">Command line; <c>--KEY=value</c> pairs are settings like environment variables.</param>
    /// <param name="overrides">Test hook, applied last: swap infrastructure such as the clock.</param>
    internal static WebApplication BuildApp(string[] args, Action<IServiceCollection>? overrides = null)
    {
        var builder = ServiceHost.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddDataLayer();
        builder.AddSecurity();
        builder.AddAudit();
        builder.AddApiUsage();
        builder.AddPlanTiers();
        builder.AddApiDocs();
        builder.Services.AddQuickBooks();
        builder.AddTenancy();
        builder.AddConnections();
        builder.AddMapping();
        builder.AddWebhooks();
        builder.AddAdmin();
        overrides?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseServiceDefaults();
        app.MapHealthEndpoints();
        app.MapConnectEndpoints();
        app.MapConnectResultPage();
        app.MapTenantEndpoints();
        app.MapWebhookRoutes();
        app.MapAdminEndpoints();
        app.MapApiDocs();
        return app;
    }
}
