using AccountingIntegration.Infrastructure.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountingIntegration.Features.Health;

internal static class HealthEndpoints
{
    public static void AddHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ReadinessCheck>();
        builder.AddHealthProbes();
    }

    public static void MapHealth(this IEndpointRouteBuilder endpoints)
    {
        // Liveness: answers while the process runs, touches nothing.
        endpoints.MapGet("/health", () => TypedResults.Ok(new LivenessResponse("healthy", ServiceHost.ServiceName)))
            .WithName("GetLiveness").WithTags("Health").AllowAnonymous();

        // Readiness: the database answers and is at the latest migration.
        endpoints.MapGet("/api/health", GetReadinessAsync).WithName("GetReadiness").WithTags("Health").AllowAnonymous()
            .Produces<ApiResponse<ReadinessReport>>(StatusCodes.Status503ServiceUnavailable);

        endpoints.MapHealthProbes();
    }

    internal static async Task<Results<Ok<ApiResponse<ReadinessReport>>, JsonHttpResult<ApiResponse<ReadinessReport>>>> GetReadinessAsync(
        ReadinessCheck readiness, CancellationToken cancellationToken)
    {
        var report = await readiness.CheckAsync(cancellationToken);
        var body = new ApiResponse<ReadinessReport>(report) { Success = report.Status == "healthy" };
        return report.Status == "healthy"
            ? TypedResults.Ok(body)
            : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    internal sealed record LivenessResponse(string Status, string Service);
}
