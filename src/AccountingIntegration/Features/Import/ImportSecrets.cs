using AccountingIntegration.Features.Connections.Tokens;
using AccountingIntegration.Features.Webhooks.Ingest;
using AccountingIntegration.Infrastructure.Security;

namespace AccountingIntegration.Features.Import;

/// <summary>
/// Re-encrypts the old service's secrets exactly as the service encrypts its own: QBO tokens through
/// <see cref="TokenProtection"/>, signing secrets bound to their organization and source, so the service reads an
/// imported secret the same way as one it stored itself.
/// </summary>
internal sealed class ImportSecrets(TokenProtection tokens, SecretProtector protector)
{
    public string AccessToken(IReadOnlyDictionary<string, object?> row, string plain) =>
        tokens.ProtectAccess((string)row["organization_id"]!, (string)row["realm_id"]!, plain);

    public string RefreshToken(IReadOnlyDictionary<string, object?> row, string plain) =>
        tokens.ProtectRefresh((string)row["organization_id"]!, (string)row["realm_id"]!, plain);

    public string SigningSecret(IReadOnlyDictionary<string, object?> row, string plain) =>
        protector.Protect(plain, WebhookAuthentication.SigningSecretContext((string)row["organization_id"]!, (string)row["source_id"]!));
}
