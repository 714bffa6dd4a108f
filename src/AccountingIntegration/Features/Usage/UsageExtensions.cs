using AccountingIntegration.Infrastructure.Batching;

namespace AccountingIntegration.Features.Usage;

internal static class UsageExtensions
{
    public static void AddApiUsage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ApiUsageStore>();
        builder.Services.AddBatchWriter<ApiUsageEntry, ApiUsageSink>();
    }

    /// <summary>Before the error handler, so the recorded status is the final one.</summary>
    public static void UseApiUsage(this WebApplication app) => app.UseMiddleware<ApiUsageMiddleware>();
}
