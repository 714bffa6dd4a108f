using System.Globalization;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace AccountingIntegration.Features.Webhooks.Signatures;

/// <summary>
/// PayPal: <c>PAYPAL-TRANSMISSION-SIG</c> is a base64 RSA signature (<c>PAYPAL-AUTH-ALGO: SHA256withRSA</c>,
/// PKCS #1 v1.5) over <c>transmission_id|transmission_time|webhook_id|crc32(raw body)</c>, the CRC as an unsigned
/// decimal, made with the key of the certificate at <c>PAYPAL-CERT-URL</c> (<c>Event.validateReceivedEvent</c> in
/// paypal/PayPal-Java-SDK, <c>rest-api-sdk/src/main/java/com/paypal/api/payments/Event.java</c>, and PayPal's
/// "Verify webhook signature" guide). The source's secret is the webhook's id from PayPal's dashboard: it is what
/// ties a delivery to this subscription, since PayPal holds the private key. The certificate must come from a
/// paypal.com https URL, be issued to a paypal.com host and be valid when the delivery arrives. PayPal signs no
/// expiry into the message; the event's <c>id</c> deduplicates a replayed delivery.
/// </summary>
internal sealed class PayPalSignatureVerifier(PayPalCertificates certificates) : IWebhookSignatureVerifier
{
    public const string TransmissionIdHeader = "PAYPAL-TRANSMISSION-ID";
    public const string TransmissionTimeHeader = "PAYPAL-TRANSMISSION-TIME";
    public const string TransmissionSigHeader = "PAYPAL-TRANSMISSION-SIG";
    public const string CertUrlHeader = "PAYPAL-CERT-URL";
    public const string AuthAlgoHeader = "PAYPAL-AUTH-ALGO";
    public const string Algorithm = "SHA256withRSA";

    public string Scheme => SignatureSchemes.PayPal;

    public async ValueTask<SignatureResult> VerifyAsync(SignedDelivery delivery, string secret, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var headers = delivery.Headers;
        if (!SignatureHeaders.TryReadSingle(headers, TransmissionIdHeader, out var transmissionId, out var failure)
            || !SignatureHeaders.TryReadSingle(headers, TransmissionTimeHeader, out var transmissionTime, out failure)
            || !SignatureHeaders.TryReadSingle(headers, TransmissionSigHeader, out var signatureText, out failure)
            || !SignatureHeaders.TryReadSingle(headers, CertUrlHeader, out var certUrlText, out failure))
        {
            return failure;
        }

        // PayPal has only ever used SHA256withRSA; a delivery naming something else is refused rather than guessed at.
        if (headers.ContainsKey(AuthAlgoHeader)
            && (!SignatureHeaders.TryReadSingle(headers, AuthAlgoHeader, out var algorithm, out failure) || !algorithm.Equals(Algorithm, StringComparison.OrdinalIgnoreCase)))
        {
            return failure ?? SignatureResult.Fail(SignatureFailure.Malformed, $"The {AuthAlgoHeader} header names an algorithm other than {Algorithm}.");
        }

        var signature = DecodeSignature(signatureText);
        if (signature is null)
        {
            return SignatureResult.Fail(SignatureFailure.Malformed, $"The {TransmissionSigHeader} header is not a base64 signature.");
        }

        if (!Uri.TryCreate(certUrlText, UriKind.Absolute, out var certUrl) || !PayPalCertificates.IsPayPalUrl(certUrl))
        {
            return SignatureResult.Fail(SignatureFailure.CertificateRejected, $"The {CertUrlHeader} header is not an https URL on paypal.com.");
        }

        var certificate = await certificates.GetAsync(certUrl, cancellationToken);
        if (certificate is null)
        {
            return SignatureResult.Fail(SignatureFailure.CertificateRejected, $"PayPal's certificate named by {CertUrlHeader} could not be fetched; PayPal retries the delivery.");
        }

        return CheckSignature(certificate, delivery, secret, transmissionId, transmissionTime, signature);
    }

    /// <summary>The message PayPal signs for <paramref name="body"/>.</summary>
    public static string SignedMessage(string transmissionId, string transmissionTime, string webhookId, ReadOnlySpan<byte> body) =>
        string.Join('|', transmissionId, transmissionTime, webhookId, Crc32.HashToUInt32(body).ToString(CultureInfo.InvariantCulture));

    private static SignatureResult CheckSignature(X509Certificate2 certificate, SignedDelivery delivery, string webhookId,
        string transmissionId, string transmissionTime, byte[] signature)
    {
        if (!PayPalCertificates.IsPayPalHost(certificate.GetNameInfo(X509NameType.DnsName, forIssuer: false)))
        {
            return SignatureResult.Fail(SignatureFailure.CertificateRejected, "PayPal's certificate is not issued to a paypal.com host.");
        }

        var now = delivery.ReceivedAt.UtcDateTime;
        if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
        {
            return SignatureResult.Fail(SignatureFailure.CertificateRejected, "PayPal's certificate is not valid at the time of delivery.");
        }

        using var key = certificate.GetRSAPublicKey();
        if (key is null)
        {
            return SignatureResult.Fail(SignatureFailure.CertificateRejected, "PayPal's certificate holds no RSA key.");
        }

        var message = Encoding.UTF8.GetBytes(SignedMessage(transmissionId, transmissionTime, webhookId, delivery.Body.Span));
        return key.VerifyData(message, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            ? SignatureResult.Valid
            : SignatureResult.Fail(SignatureFailure.Mismatch, $"The {TransmissionSigHeader} header does not match the body and this source's webhook id.");
    }

    private static byte[]? DecodeSignature(string text)
    {
        // RSA signatures run to 512 bytes for a 4096-bit key; the header's length cap bounds this buffer.
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(text, buffer, out var written) && written > 0 ? buffer[..written] : null;
    }
}
