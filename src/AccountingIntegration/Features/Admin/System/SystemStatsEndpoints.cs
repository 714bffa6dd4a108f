using AccountingIntegration.Features.Connections;
using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.OpenApi;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountingIntegration.Features.Admin.System;

/// <summary>Operator view across organizations: <c>/api/admin/system/stats</c>.</summary>
internal static class SystemStatsEndpoints
{
    public const int DefaultWindowHours = 24;
    public const int MaxWindowHours = 24 * 30;

    public static RouteGroupBuilder MapSystemStatsEndpoints(this AdminRouteGroup admin)
    {
        var group = admin.MapGroup("/system", "Admin System");
        group.MapGet("/stats", GetStatsAsync).WithName("GetSystemStats")
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
        return group;
    }

    internal static async Task<Ok<ApiResponse<SystemStats>>> GetStatsAsync(
        SystemStatsStore stats, WebhookQueueStore queue, OAuthTokenStore connections, TimeProvider time, int? windowHours, CancellationToken cancellationToken)
    {
        var hours = windowHours ?? DefaultWindowHours;
        if (hours is < 1 or > MaxWindowHours)
        {
            throw ApiException.Validation(new Dictionary<string, string[]> { ["windowHours"] = [$"must be between 1 and {MaxWindowHours}"] });
        }

        var now = time.GetUtcNow().UtcDateTime;
        var from = now.AddHours(-hours);
        var byStatus = await stats.PayloadsByStatusAsync(from, cancellationToken);
        var depth = await queue.DepthAsync(cancellationToken);
        var overdue = depth.OldestDueAt is { } due && due <= now ? depth.OldestDueAt : null;
        var waiting = depth.WaitingConnectionSeconds(now);
        var queueStats = new QueueStats(depth.Depth, await stats.QueueByStatusAsync(cancellationToken), overdue,
            overdue is null ? null : Math.Round((now - overdue.Value).TotalSeconds, 1), depth.OldestWaitingConnectionSince,
            waiting is null ? null : Math.Round(waiting.Value, 1));
        return TypedResults.Ok(ApiResponse.Of(new SystemStats(
            now,
            new StatsWindow(from, now, hours),
            new PayloadStats(byStatus.Values.Sum(), byStatus),
            queueStats,
            await stats.SuccessByOrganizationAsync(from, cancellationToken),
            await stats.QboAsync(from, cancellationToken),
            await connections.ListByStatusCountsAsync(cancellationToken))));
    }
}
