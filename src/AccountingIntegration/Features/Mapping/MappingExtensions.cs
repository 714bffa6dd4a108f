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
        builder.AddServiceCommand("seed-templates", "install the built-in global mapping templates, or upgrade installed ones no operator edited",
            async (services, _, output) =>
            {
                var result = await services.GetRequiredService<TemplateInstaller>().InstallAsync(CancellationToken.None);
                if (result.ChangedNothing && result.KeptEdited.Count == 0)
                {
                    await output.WriteLineAsync("All built-in templates are installed and current.");
                }

                foreach (var (heading, templates) in new[] { ("Installed", result.Installed), ("Upgraded", result.Upgraded), ("Left as edited", result.KeptEdited) })
                {
                    if (templates.Count > 0)
                    {
                        await output.WriteLineAsync($"{heading}: {string.Join("; ", templates)}");
                    }
                }

                return 0;
            });
    }
}
