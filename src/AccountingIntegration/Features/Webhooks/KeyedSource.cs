namespace AccountingIntegration.Features.Webhooks;

/// <summary>
/// What an API key authorizes: its organization and the source its webhooks go to (the key's
/// bound source, else the organization's default). <see cref="Source"/> is null when neither exists
/// or the source is inactive, so the caller can answer with a precise error.
/// </summary>
internal sealed record KeyedSource
{
    public required string ApiKeyId { get; init; }

    public required string OrganizationId { get; init; }

    /// <summary>The source the key is bound to, or null for a key valid for every source.</summary>
    public string? BoundSourceId { get; init; }

    public WebhookSource? Source { get; init; }
}
