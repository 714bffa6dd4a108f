using System.Security.Cryptography;
using System.Text;

namespace QboSandbox.Webhooks;

/// <summary>
/// The intuit-signature header: base64 of HMAC-SHA256 over the raw body, keyed by the app's verifier token
/// (Intuit .NET SDK WebhooksService.VerifyPayload; python-quickbooks validate_webhook_signature; REFERENCE §8).
/// </summary>
internal static class WebhookSignature
{
    public const string Header = "intuit-signature";

    public static string Sign(string verifierToken, byte[] body) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(verifierToken), body));

    public static string NewVerifierToken() => Guid.NewGuid().ToString();
}
