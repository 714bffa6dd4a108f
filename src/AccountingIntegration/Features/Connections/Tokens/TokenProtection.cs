using AccountingIntegration.Infrastructure.Security;

namespace AccountingIntegration.Features.Connections.Tokens;

/// <summary>
/// Encrypts a connection's tokens bound to their organization, realm and kind, so a ciphertext
/// copied into another row does not decrypt there.
/// </summary>
internal sealed class TokenProtection(SecretProtector protector)
{
    public string ProtectAccess(string organizationId, string realmId, string token) => protector.Protect(token, Context("access", organizationId, realmId));

    public string ProtectRefresh(string organizationId, string realmId, string token) => protector.Protect(token, Context("refresh", organizationId, realmId));

    public string UnprotectAccess(OAuthConnection connection) =>
        protector.Unprotect(connection.AccessToken, Context("access", connection.OrganizationId, connection.RealmId));

    public string UnprotectRefresh(OAuthConnection connection) =>
        protector.Unprotect(connection.RefreshToken, Context("refresh", connection.OrganizationId, connection.RealmId));

    private static string Context(string kind, string organizationId, string realmId) => $"oauth_tokens.{kind}:{organizationId}:{realmId}";
}
