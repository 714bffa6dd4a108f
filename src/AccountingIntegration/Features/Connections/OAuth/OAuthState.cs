namespace AccountingIntegration.Features.Connections.OAuth;

/// <summary>What a verified OAuth state says: whose connection this is and how it was started.</summary>
internal sealed record OAuthState(string OrganizationId, string Nonce, DateTimeOffset ExpiresAt, string? ConnectTokenId);
