namespace AccountingIntegration.Features.Connections;

/// <summary>
/// An organization's connection to one QBO company (realm). Tokens are ciphertext made by the
/// caller; the store treats them as opaque text.
/// </summary>
internal sealed record OAuthConnection
{
    public required string TokenId { get; init; }

    public required string OrganizationId { get; init; }

    public required string RealmId { get; init; }

    public required string AccessToken { get; init; }

    public required string RefreshToken { get; init; }

    public DateTime AccessExpiresAt { get; init; }

    public DateTime RefreshExpiresAt { get; init; }

    /// <summary>connected, refresh_failed or revoked (<see cref="ConnectionStatus"/>).</summary>
    public required string SyncStatus { get; init; }

    public string? CompanyName { get; init; }

    /// <summary>Moves on every token or status change; token writes name the version they read.</summary>
    public int Version { get; init; }

    public string? LastError { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }
}
