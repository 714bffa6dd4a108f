namespace AccountingIntegration.Features.Import;

internal static class ImportExtensions
{
    /// <summary>The old system's data migration: the <c>import</c> command and what it writes with.</summary>
    public static void AddImport(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ImportStore>();
        builder.Services.AddSingleton<ImportSecrets>();
        ImportCommand.Register(builder);
    }
}
