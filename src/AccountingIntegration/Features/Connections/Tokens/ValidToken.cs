namespace AccountingIntegration.Features.Connections.Tokens;

/// <summary>A decrypted access token good for at least the refresh margin, and the company it opens.</summary>
internal sealed record ValidToken(string OrganizationId, string RealmId, string AccessToken, DateTime ExpiresAt);
