using AccountingIntegration.Features.Organizations;

namespace AccountingIntegration.Features.Webhooks;

/// <summary>
/// A sender of webhooks for one organization (Stripe, Shopify, a custom system). The signing
/// secret is ciphertext produced by the caller; the store never sees the plain secret.
/// </summary>
internal sealed record WebhookSource
{
    public required string SourceId { get; init; }

    public required string OrganizationId { get; init; }

    public required string Name { get; init; }

    public required string SourceType { get; init; }

    /// <summary>none, stripe, shopify or hmac-sha256; validated by the API, stored as given.</summary>
    public required string SignatureScheme { get; init; }

    public string? SigningSecret { get; init; }

    /// <summary>The secret before the last rotation (ciphertext, same encryption context); it verifies until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? PreviousSigningSecret { get; init; }

    /// <summary>When the previous secret stops verifying; null when there is none.</summary>
    public DateTime? PreviousSecretExpiresAt { get; init; }

    /// <summary>Whether the previous secret still verifies at <paramref name="now"/>.</summary>
    public bool PreviousSecretValidAt(DateTime now) => PreviousSigningSecret is not null && PreviousSecretExpiresAt > now;

    public string? EventIdPath { get; init; }

    /// <summary>Where a generic source's body names its event (e.g. <c>event</c>); vendor sources know their own.</summary>
    public string? EventTypePath { get; init; }

    public bool IsDefault { get; init; }

    public bool IsActive { get; init; } = true;

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }

    /// <summary>Moved by every write of the row; a write lands only on the version it read (M0025).</summary>
    public int RowVersion { get; init; }

    /// <summary>The view of this source that features below the webhook feature work with.</summary>
    public OrganizationSource AsOrganizationSource() => new(OrganizationId, SourceId, SourceType, IsActive, EventTypePath);
}

/// <summary>A source as it was read and as a change wrote it.</summary>
internal sealed record SourceChange(WebhookSource Before, WebhookSource After);
