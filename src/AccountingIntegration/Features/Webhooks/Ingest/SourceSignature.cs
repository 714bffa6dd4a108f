using AccountingIntegration.Features.Webhooks.Signatures;
using AccountingIntegration.Infrastructure.Security;

namespace AccountingIntegration.Features.Webhooks.Ingest;

/// <summary>
/// Checks a delivery against a source's signing secret and, while a rotation's overlap window lasts, its previous
/// one: a sender that signed with the old secret before it switched (or retries such a delivery) still gets in.
/// </summary>
internal static class SourceSignature
{
    public static async ValueTask<SignatureResult> VerifyAsync(WebhookSource source, SecretProtector secrets, WebhookSignatureVerifier signatures,
        SignedDelivery delivery, CancellationToken cancellationToken)
    {
        var context = WebhookAuthentication.SigningSecretContext(source.OrganizationId, source.SourceId);
        var current = source.SigningSecret is null ? null : secrets.Unprotect(source.SigningSecret, context);
        var result = await signatures.VerifyAsync(source.SignatureScheme, delivery, current, cancellationToken);
        if (result.IsValid || !source.PreviousSecretValidAt(delivery.ReceivedAt.UtcDateTime))
        {
            return result;
        }

        // The current secret's answer is kept when the previous one fails too: it names what is wrong with the delivery.
        var previous = await signatures.VerifyAsync(source.SignatureScheme, delivery,
            secrets.Unprotect(source.PreviousSigningSecret!, context), cancellationToken);
        return previous.IsValid ? previous : result;
    }
}
