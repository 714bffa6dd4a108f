using AccountingIntegration.Features.Admin.System;
using AccountingIntegration.Features.Alerts;
using AccountingIntegration.Features.Connections;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Processing;

namespace AccountingIntegration.Features.OperatorConsole;

/// <summary>One organization's row on the overview: its connection and its payloads' outcomes in the stats window.</summary>
internal sealed record OrganizationHealth(
    string OrganizationId, string Slug, string Name, OrganizationConnection? Connection, long Succeeded, long Failed, long Dead, double? SuccessRate,
    string? Attention);

/// <summary>The chart series as the overview's script reads them: Unix seconds, one value per minute.</summary>
internal sealed record OverviewSeries(
    long[] Minutes, long[] Succeeded, long[] Failed, long[] InProgress, long[] Other, double?[] AvgLatencyMs, int?[] P95LatencyMs, int[] Booked);

/// <summary>
/// What the overview shows: the API's dashboard figures (<see cref="SystemStatsEndpoints.GetStatsAsync"/>, the same
/// call as <c>/api/admin/system/stats</c>), each organization's connection, and the last hour by minute for the charts.
/// </summary>
internal sealed record OverviewFigures(
    SystemStats Stats, IReadOnlyList<OrganizationHealth> Organizations, IReadOnlyList<OrganizationHealth> NeedingAttention, OverviewSeries Series,
    double IngestPerMinute, double BookedPerMinute)
{
    /// <summary>The window of the rates and charts.</summary>
    public static readonly TimeSpan ChartWindow = TimeSpan.FromMinutes(60);

    /// <summary>Statuses of payloads still being worked on (the queue's live statuses).</summary>
    public static readonly IReadOnlySet<string> InProgressStatuses = new HashSet<string>(Webhooks.Counts.PayloadCountReader.LiveStatuses, StringComparer.Ordinal);

    public long Dead => Stats.Payloads.ByStatus.GetValueOrDefault(PayloadStatus.Dead);

    /// <summary>Succeeded of all finished (succeeded, failed, dead) in the stats window; null until one finished.</summary>
    public double? SuccessRate
    {
        get
        {
            var s = Stats.Payloads.ByStatus;
            var finished = s.GetValueOrDefault(PayloadStatus.Succeeded) + s.GetValueOrDefault(PayloadStatus.Failed) + s.GetValueOrDefault(PayloadStatus.Dead);
            return finished == 0 ? null : (double)s.GetValueOrDefault(PayloadStatus.Succeeded) / finished;
        }
    }

    public static async Task<OverviewFigures> LoadAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var time = services.GetRequiredService<TimeProvider>();
        var response = await SystemStatsEndpoints.GetStatsAsync(
            services.GetRequiredService<SystemStatsStore>(), services.GetRequiredService<WebhookQueueStore>(), services.GetRequiredService<OAuthTokenStore>(), time,
            SystemStatsEndpoints.DefaultWindowHours, cancellationToken);
        var stats = response.Value!.Data;
        var store = new OverviewSeriesStore(services.GetRequiredService<Infrastructure.Data.Database>());
        var connections = await store.CurrentConnectionsAsync(cancellationToken);
        var expiryNotice = services.GetRequiredService<AlertOptions>().RefreshExpiryNotice;

        var rows = new List<OrganizationHealth>();
        foreach (var o in stats.Organizations)
        {
            var connection = connections.GetValueOrDefault(o.OrganizationId);
            rows.Add(new OrganizationHealth(o.OrganizationId, o.Slug, o.Name, connection, o.Succeeded, o.Failed, o.Dead, o.SuccessRate,
                Attention(connection, stats.GeneratedAt, expiryNotice)));
        }

        // Connections that need attention belong on the page even when their organization sent nothing in the window.
        var organizations = services.GetRequiredService<OrganizationDirectory>();
        foreach (var connection in connections.Values.Where(c => Attention(c, stats.GeneratedAt, expiryNotice) is not null && rows.All(r => r.OrganizationId != c.OrganizationId)))
        {
            var organization = await organizations.GetByIdAsync(connection.OrganizationId, cancellationToken);
            rows.Add(new OrganizationHealth(connection.OrganizationId, organization?.Slug ?? connection.OrganizationId, organization?.Name ?? connection.OrganizationId,
                connection, 0, 0, 0, null, Attention(connection, stats.GeneratedAt, expiryNotice)));
        }

        var ordered = rows.OrderBy(r => r.Attention is null).ThenByDescending(r => r.Failed + r.Dead).ThenBy(r => r.Slug, StringComparer.Ordinal).ToList();
        var series = await SeriesAsync(store, stats.GeneratedAt, cancellationToken);
        var minutes = ChartWindow.TotalMinutes;
        return new OverviewFigures(stats, ordered, [.. ordered.Where(r => r.Attention is not null)], series,
            Math.Round((series.Succeeded.Sum() + series.Failed.Sum() + series.InProgress.Sum() + series.Other.Sum()) / minutes, 2),
            Math.Round(series.Booked.Sum() / minutes, 2));
    }

    /// <summary>The last hour, one point a minute, the current minute last; minutes without payloads are zero.</summary>
    public static async Task<OverviewSeries> SeriesAsync(OverviewSeriesStore store, DateTime now, CancellationToken cancellationToken)
    {
        var last = OverviewSeriesStore.Truncate(now);
        var first = last - ChartWindow + TimeSpan.FromMinutes(1);
        var payloads = (await store.PayloadsPerMinuteAsync(first, cancellationToken)).ToDictionary(p => p.Minute);
        var qbo = (await store.QboPerMinuteAsync(first, cancellationToken)).ToDictionary(q => q.Minute);
        var count = (int)ChartWindow.TotalMinutes;
        var minutes = Enumerable.Range(0, count).Select(i => first.AddMinutes(i)).ToList();
        long Sum(DateTime m, Func<string, bool> which) =>
            payloads.TryGetValue(m, out var p) ? p.ByStatus.Where(s => which(s.Key)).Sum(s => s.Value) : 0;
        return new OverviewSeries(
            [.. minutes.Select(m => new DateTimeOffset(m).ToUnixTimeSeconds())],
            [.. minutes.Select(m => Sum(m, s => s == PayloadStatus.Succeeded))],
            [.. minutes.Select(m => Sum(m, s => s is PayloadStatus.Failed or PayloadStatus.Dead))],
            [.. minutes.Select(m => Sum(m, InProgressStatuses.Contains))],
            [.. minutes.Select(m => Sum(m, s => s is not (PayloadStatus.Succeeded or PayloadStatus.Failed or PayloadStatus.Dead) && !InProgressStatuses.Contains(s)))],
            [.. minutes.Select(m => qbo.TryGetValue(m, out var q) ? q.AvgLatencyMs : null)],
            [.. minutes.Select(m => qbo.TryGetValue(m, out var q) ? q.P95LatencyMs : null)],
            [.. minutes.Select(m => qbo.TryGetValue(m, out var q) ? q.Booked : 0)]);
    }

    /// <summary>Why a connection needs an operator, in words; null when it does not.</summary>
    public static string? Attention(OrganizationConnection? connection, DateTime now, TimeSpan expiryNotice) => connection switch
    {
        null => null,
        { SyncStatus: ConnectionStatus.RefreshFailed } => "QuickBooks no longer accepts the connection: the client must reconnect.",
        { SyncStatus: ConnectionStatus.Connected } c when c.RefreshExpiresAt < now + expiryNotice =>
            $"The connection expires on {c.RefreshExpiresAt:yyyy-MM-dd}: the client must reconnect before then.",
        _ => null,
    };
}
