namespace AccountingIntegration.Features.ApiKeys;

internal sealed record CreateApiKeyRequest(string? Name, string? SourceId, DateTime? ExpiresAt);

/// <summary>A key as listed: its readable prefix, never the key or its hash.</summary>
internal sealed record ApiKeyView(
    string KeyId, string OrganizationId, string Name, string KeyPrefix, string? SourceId, string Status,
    DateTime CreatedAt, DateTime? LastUsedAt, DateTime? ExpiresAt, DateTime? RevokedAt)
{
    public static ApiKeyView From(ApiKey k, DateTime now) => new(
        k.KeyId, k.OrganizationId, k.Name, k.KeyPrefix, k.SourceId, StatusOf(k, now), k.CreatedAt, k.LastUsedAt, k.ExpiresAt, k.RevokedAt);

    private static string StatusOf(ApiKey k, DateTime now) =>
        k.RevokedAt is not null || !k.IsActive ? "revoked" : k.ExpiresAt is { } expires && expires <= now ? "expired" : "active";
}

/// <summary>The creation answer: the only time the key itself leaves the service.</summary>
internal sealed record CreatedApiKeyView(string Key, ApiKeyView ApiKey);
