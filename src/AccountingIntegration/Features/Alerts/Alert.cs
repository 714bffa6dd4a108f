namespace AccountingIntegration.Features.Alerts;

/// <summary>
/// One alert as stored: raised once per cause and window, with <see cref="Occurrences"/> counting how often the cause
/// repeated. <see cref="Details"/> is JSON without secrets; a reconnect link, which is a credential, is kept apart as
/// ciphertext (<see cref="LinkProtected"/>) and only ever sent, never listed.
/// </summary>
internal sealed record Alert
{
    public required string AlertId { get; init; }

    public string? OrganizationId { get; init; }

    public required string Kind { get; init; }

    public required string DedupeKey { get; init; }

    public required string Subject { get; init; }

    public required string Details { get; init; }

    public string? LinkProtected { get; init; }

    public int Occurrences { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime LastSeenAt { get; init; }
}

/// <summary>One destination of an alert and how its delivery went.</summary>
internal sealed record AlertDelivery
{
    public required string DeliveryId { get; init; }

    public required string AlertId { get; init; }

    public required string Destination { get; init; }

    public required string Url { get; init; }

    public required string State { get; init; }

    public int Attempts { get; init; }

    public DateTime NextAttemptAt { get; init; }

    public string? LastError { get; init; }

    public DateTime? SentAt { get; init; }
}
