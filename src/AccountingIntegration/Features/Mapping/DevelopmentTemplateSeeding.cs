namespace AccountingIntegration.Features.Mapping;

/// <summary>
/// In Development, installs (or upgrades) the built-in templates at start (after migrations), so a fresh
/// checkout books Stripe, Shopify, WooCommerce, Paddle, PayPal, Square, order events and generic payloads out of the box.
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

        var result = await installer.InstallAsync(cancellationToken);
        if (result.Installed.Count > 0)
        {
            LogInstalled(logger, result.Installed.Count, string.Join(", ", result.Installed));
        }

        if (result.Upgraded.Count > 0)
        {
            LogUpgraded(logger, result.Upgraded.Count, string.Join(", ", result.Upgraded));
        }

        if (result.KeptEdited.Count > 0)
        {
            LogKeptEdited(logger, string.Join(", ", result.KeptEdited));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Installed {Count} built-in mapping templates: {Templates}")]
    private static partial void LogInstalled(ILogger logger, int count, string templates);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upgraded {Count} built-in mapping templates to this release's content: {Templates}")]
    private static partial void LogUpgraded(ILogger logger, int count, string templates);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Built-in mapping templates edited by an operator were left as they are, not upgraded: {Templates}")]
    private static partial void LogKeptEdited(ILogger logger, string templates);
}
