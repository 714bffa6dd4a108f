namespace AccountingIntegration.Features.Connections.OAuth;

/// <summary>
/// What a verified OAuth state says: whose connection this is, how it was started, and the hash of
/// the browser cookie (<see cref="OAuthBrowserBinding"/>) the callback must present.
/// </summary>
internal sealed record OAuthState(string OrganizationId, string Nonce, DateTimeOffset ExpiresAt, string? ConnectTokenId, string? BindingHash);
