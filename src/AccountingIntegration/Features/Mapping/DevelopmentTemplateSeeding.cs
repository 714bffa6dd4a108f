namespace AccountingIntegration.Features.Mapping;

/// <summary>
/// In Development, installs the built-in templates at start (after migrations), so a fresh
/// checkout maps Stripe, Shopify, WooCommerce, Paddle and generic payloads out of the box.
/// Elsewhere operators run <c>seed-templates</c> deliberately.
/// </summary>
internal sealed partial class DevelopmentTemplateSeeding(IHostEnvironment environment, TemplateInstaller installer, ILogger<DevelopmentTemplateSeeding> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment())
        {
            return;
        }

        var installed = await installer.InstallAsync(cancellationToken);
        if (installed.Count > 0)
        {
            LogInstalled(logger, installed.Count, string.Join(", ", installed));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Installed {Count} built-in mapping templates: {Templates}")]
    private static partial void LogInstalled(ILogger logger, int count, string templates);
}
