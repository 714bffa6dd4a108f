namespace AccountingIntegration.Features.Admin.System;

/// <summary>The operators' dashboard: pipeline volume and health over a recent window, live queue, connections.</summary>
internal sealed record SystemStats(
    DateTime GeneratedAt, StatsWindow Window, PayloadStats Payloads, QueueStats Queue, IReadOnlyList<OrganizationSuccess> Organizations,
    QboStats Qbo, IReadOnlyDictionary<string, long> Connections);

internal sealed record StatsWindow(DateTime From, DateTime To, int Hours);

/// <summary>Payloads received in the window, by their current status.</summary>
internal sealed record PayloadStats(long Total, IReadOnlyDictionary<string, long> ByStatus);

/// <summary>
/// Live work; the oldest due entry is the one waiting longest past its due time (none when nothing is overdue); the
/// oldest waiting for a connection is the earliest-received payload parked until its company reconnects (none when none waits).
/// </summary>
internal sealed record QueueStats(
    long Depth, IReadOnlyDictionary<string, long> ByStatus, DateTime? OldestDueAt, double? OldestDueAgeSeconds,
    DateTime? OldestWaitingConnectionReceivedAt, double? OldestWaitingConnectionAgeSeconds);

/// <summary>Outcomes of an organization's payloads received in the window; the rate is null until one has finished.</summary>
internal sealed record OrganizationSuccess(string OrganizationId, string Slug, string Name, long Succeeded, long Failed, long Dead, double? SuccessRate);

/// <summary>
/// Attempts that sent a document to QBO in the window: how long they took, and the error codes seen. With
/// <paramref name="Sampled"/> the window held more attempts than the figures read, and they describe its latest
/// <see cref="SystemStatsStore.QboSample"/> (the counts are then lower bounds).
/// </summary>
internal sealed record QboStats(long Calls, double? AvgLatencyMs, int? P95LatencyMs, IReadOnlyList<ErrorCount> Errors, bool Sampled = false);

internal sealed record ErrorCount(string ErrorCode, long Count);
