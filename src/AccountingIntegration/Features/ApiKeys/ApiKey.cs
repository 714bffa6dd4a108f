namespace AccountingIntegration.Features.ApiKeys;

/// <summary>
/// An organization's API key. Only the SHA-256 hash and a short readable prefix are stored;
/// the key itself is shown once at creation and never again.
/// </summary>
internal sealed record ApiKey
{
    public required string KeyId { get; init; }

    public required string OrganizationId { get; init; }

    /// <summary>The source this key's webhooks go to; null for any source of the organization.</summary>
    public string? SourceId { get; init; }

    public required string Name { get; init; }

    public required string KeyPrefix { get; init; }

    public required string KeyHash { get; init; }

    public bool IsActive { get; init; } = true;

    public DateTime? LastUsedAt { get; init; }

    public DateTime? ExpiresAt { get; init; }

    public DateTime? RevokedAt { get; init; }

    public DateTime CreatedAt { get; init; }
}
