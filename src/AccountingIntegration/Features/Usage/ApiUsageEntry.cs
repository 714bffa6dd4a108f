namespace AccountingIntegration.Features.Usage;

/// <summary>
/// One API request for usage reporting. <see cref="Endpoint"/> is the route template, never the
/// concrete path, so ids and slugs do not multiply rows. An empty <see cref="LogId"/> or a default
/// <see cref="Timestamp"/> is filled in by the store.
/// </summary>
internal sealed record ApiUsageEntry
{
    public string LogId { get; init; } = string.Empty;

    public DateTime Timestamp { get; init; }

    public string? OrganizationId { get; init; }

    public string? ApiKeyId { get; init; }

    public required string Endpoint { get; init; }

    public required string Method { get; init; }

    public int StatusCode { get; init; }

    public int DurationMs { get; init; }
}
