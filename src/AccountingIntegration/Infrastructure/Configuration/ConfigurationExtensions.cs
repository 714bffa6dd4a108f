using AccountingIntegration.Features.Tiers;

namespace AccountingIntegration.Infrastructure.Configuration;

internal static class ConfigurationExtensions
{
    /// <summary>
    /// Binds every settings class and registers it as a singleton. All problems across all
    /// classes are collected first and reported together, so one start shows everything to fix.
    /// </summary>
    public static void AddServiceSettings(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var isDevelopment = builder.Environment.IsDevelopment();
        var problems = new List<string>();

        var http = HttpOptions.Bind(configuration, problems);
        var database = DatabaseOptions.Bind(configuration, problems);
        var retention = RetentionOptions.Bind(configuration, problems);
        var security = SecurityOptions.Bind(configuration, isDevelopment, problems);
        var qbo = QboOptions.Bind(configuration, isDevelopment, http.ApiBaseUrl, problems);
        var webhooks = WebhookOptions.Bind(configuration, problems);
        var admin = AdminOptions.Bind(configuration, problems);
        var planTiers = PlanTierOptions.Bind(configuration, problems);
        var rateLimits = RateLimitOptions.Bind(configuration, problems);

        if (problems.Count > 0)
        {
            throw new ConfigurationProblemsException(problems);
        }

        builder.Services.AddSingleton(http);
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton(retention);
        builder.Services.AddSingleton(security);
        builder.Services.AddSingleton(qbo);
        builder.Services.AddSingleton(webhooks);
        builder.Services.AddSingleton(admin);
        builder.Services.AddSingleton(planTiers);
        builder.Services.AddSingleton(rateLimits);
    }
}
