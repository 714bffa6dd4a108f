namespace AccountingIntegration.Features.Mapping;

internal static class MappingExtensions
{
    public static void AddMapping(this IHostApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<MappingCache>();
        builder.Services.AddSingleton<MappingMergerService>();
        builder.Services.AddSingleton<TemplateInstaller>();
        builder.Services.AddHostedService<DevelopmentTemplateSeeding>();
    }
}
