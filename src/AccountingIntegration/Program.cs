using AccountingIntegration.Features.Health;
using AccountingIntegration.Infrastructure.Configuration;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Hosting;

WebApplication app;
try
{
    var builder = ServiceHost.CreateBuilder(args);
    builder.AddServiceDefaults();
    builder.AddDataLayer();
    app = builder.Build();
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

app.UseServiceDefaults();
app.MapHealthEndpoints();

await app.RunAsync();
return 0;

/// <summary>Entry point; public so integration tests can host the service.</summary>
public partial class Program;
