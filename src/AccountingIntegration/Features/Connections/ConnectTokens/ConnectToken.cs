namespace AccountingIntegration.Features.Connections.ConnectTokens;

/// <summary>
/// A single-use link that lets someone without an API key connect the organization's QBO
/// company. Only the SHA-256 hash of the token is stored.
/// </summary>
internal sealed record ConnectToken
{
    public required string TokenId { get; init; }

    public required string OrganizationId { get; init; }

    public required string TokenHash { get; init; }

    public DateTime ExpiresAt { get; init; }

    public DateTime? UsedAt { get; init; }

    public bool IsActive { get; init; } = true;

    public string? CreatedBy { get; init; }

    public DateTime CreatedAt { get; init; }
}
