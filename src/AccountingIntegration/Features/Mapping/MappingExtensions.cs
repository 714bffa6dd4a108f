using AccountingIntegration.Infrastructure.Commands;

namespace AccountingIntegration.Features.Mapping;

internal static class MappingExtensions
{
    /// <summary>The three mapping layers, their merge and its cache, the built-in templates and their installation.</summary>
    public static void AddMapping(this IHostApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<MappingStore>();
        builder.Services.AddSingleton<MappingCache>();
        builder.Services.AddSingleton<MappingMergerService>();
        builder.Services.AddSingleton<TemplateInstaller>();
        builder.Services.AddHostedService<DevelopmentTemplateSeeding>();
        builder.AddServiceCommand("seed-templates", "install the built-in global mapping templates that are not installed yet", async (services, _, output) =>
        {
            var installed = await services.GetRequiredService<TemplateInstaller>().InstallAsync(CancellationToken.None);
            await output.WriteLineAsync(installed.Count == 0 ? "All built-in templates are already installed." : "Installed: " + string.Join("; ", installed));
            return 0;
        });
    }
}
