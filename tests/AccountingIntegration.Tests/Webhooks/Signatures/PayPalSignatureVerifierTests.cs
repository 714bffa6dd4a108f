using System.Text.Json;
using AccountingIntegration.Features.Webhooks.Signatures;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Webhooks.Signatures;

/// <summary>
/// Against PayPal's own signed vector (its Java SDK's test: a real delivery, its headers, the webhook id and the
/// certificate PayPal shipped) and against certificates made here for what PayPal's vector cannot show. PayPal's
/// certificate server is the one part replaced: it answers the vector's PAYPAL-CERT-URL with PayPal's certificate.
/// </summary>
public sealed class PayPalSignatureVerifierTests
{
    private const string OwnCertUrl = "https://api.paypal.com/v1/notifications/certs/CERT-360caa42-test";

    private static readonly byte[] Body = File.ReadAllBytes(Fixtures.Path("paypal/BILLING.PLAN.CREATED.json"));
    private static readonly JsonElement Vector = JsonDocument.Parse(File.ReadAllText(Fixtures.Path("paypal/BILLING.PLAN.CREATED.signature.json"))).RootElement;
    private static readonly string WebhookId = Vector.GetProperty("webhook_id").GetString()!;
    private static readonly string CertUrl = Vector.GetProperty("headers").GetProperty("PAYPAL-CERT-URL").GetString()!;
    private static readonly string CertificatePem = Vector.GetProperty("signing_certificate_pem").GetString()!;

    // The vector's transmission time; PayPal's certificate expired in 2019.
    private static readonly DateTimeOffset SentAt = DateTimeOffset.Parse(Vector.GetProperty("headers").GetProperty("PAYPAL-TRANSMISSION-TIME").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    private readonly PayPalCerts.Server _server = new(new Dictionary<string, string> { [CertUrl] = CertificatePem });

    [Fact]
    public async Task Verify_PayPalsVectorWhileItsCertificateWasValid_IsValid()
    {
        var result = await VerifyAsync(Body, VectorHeaders(), WebhookId, SentAt);

        Assert.True(result.IsValid, result.Message);
        Assert.Equal(Vector.GetProperty("signed_string").GetString(),
            PayPalSignatureVerifier.SignedMessage(VectorHeaders()["PAYPAL-TRANSMISSION-ID"]!, VectorHeaders()["PAYPAL-TRANSMISSION-TIME"]!, WebhookId, Body));
    }

    [Fact]
    public async Task Verify_OtherWebhookId_IsMismatch()
    {
        var result = await VerifyAsync(Body, VectorHeaders(), "0FV983392A0531201", SentAt);

        Assert.Equal(SignatureFailure.Mismatch, result.Failure);
        Assert.DoesNotContain(VectorHeaders()["PAYPAL-TRANSMISSION-SIG"]!, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_BodyWithOneByteChanged_IsMismatch()
    {
        Assert.Equal(SignatureFailure.Mismatch, (await VerifyAsync(Hmac.FlipOneByte(Body), VectorHeaders(), WebhookId, SentAt)).Failure);
    }

    [Fact]
    public async Task Verify_AfterTheCertificateExpired_IsRejected()
    {
        var result = await VerifyAsync(Body, VectorHeaders(), WebhookId, new DateTimeOffset(2019, 4, 27, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(SignatureFailure.CertificateRejected, result.Failure);
    }

    [Theory]
    [InlineData("https://evil.example/v1/notifications/certs/CERT-1")]
    [InlineData("https://api.paypal.com.evil.example/v1/notifications/certs/CERT-1")]
    [InlineData("https://evilpaypal.com/v1/notifications/certs/CERT-1")]
    [InlineData("http://api.paypal.com/v1/notifications/certs/CERT-1")]
    [InlineData("https://api.paypal.com:8443/v1/notifications/certs/CERT-1")]
    [InlineData("/v1/notifications/certs/CERT-1")]
    public async Task Verify_CertificateUrlNotOnPayPal_IsRejectedWithoutFetchingIt(string certUrl)
    {
        var headers = VectorHeaders();
        headers["PAYPAL-CERT-URL"] = certUrl;

        var result = await VerifyAsync(Body, headers, WebhookId, SentAt);

        Assert.Equal(SignatureFailure.CertificateRejected, result.Failure);
        Assert.Equal(0, _server.TotalRequests);
    }

    [Fact]
    public async Task Verify_SignedWithACertificateNotIssuedToPayPal_IsRejected()
    {
        using var impostor = PayPalCerts.Create("messageverificationcerts.paypal.com.evil.example", SentAt.AddDays(-1));
        var server = new PayPalCerts.Server(new Dictionary<string, string> { [OwnCertUrl] = PayPalCerts.Pem(impostor) });
        var verifier = new PayPalSignatureVerifier(PayPalCerts.Serving(server));

        var result = await verifier.VerifyAsync(Delivery(Body, PayPalCerts.Headers(impostor, OwnCertUrl, WebhookId, Body, SentAt), SentAt), WebhookId, default);

        Assert.Equal(SignatureFailure.CertificateRejected, result.Failure);
    }

    [Fact]
    public async Task Verify_OwnCertificateForAPayPalHost_FollowsTheRecipeAndIsFetchedOnce()
    {
        using var certificate = PayPalCerts.Create("messageverificationcerts.paypal.com", SentAt.AddDays(-1));
        var server = new PayPalCerts.Server(new Dictionary<string, string> { [OwnCertUrl] = PayPalCerts.Pem(certificate) });
        var verifier = new PayPalSignatureVerifier(PayPalCerts.Serving(server));

        for (var i = 0; i < 3; i++)
        {
            var headers = PayPalCerts.Headers(certificate, OwnCertUrl, WebhookId, Body, SentAt);
            Assert.True((await verifier.VerifyAsync(Delivery(Body, headers, SentAt), WebhookId, default)).IsValid);
        }

        Assert.Equal(1, server.RequestsFor(OwnCertUrl));
    }

    [Fact]
    public async Task Verify_CertificateNotServedYet_IsRejectedThenAcceptedOnTheRetry()
    {
        var pems = new Dictionary<string, string>();
        var server = new PayPalCerts.Server(pems);
        var verifier = new PayPalSignatureVerifier(PayPalCerts.Serving(server));

        var first = await verifier.VerifyAsync(Delivery(Body, VectorHeaders(), SentAt), WebhookId, default);
        pems[CertUrl] = CertificatePem;
        var retry = await verifier.VerifyAsync(Delivery(Body, VectorHeaders(), SentAt), WebhookId, default);

        Assert.Equal(SignatureFailure.CertificateRejected, first.Failure);
        Assert.True(retry.IsValid, retry.Message);
    }

    [Theory]
    [InlineData("PAYPAL-TRANSMISSION-ID")]
    [InlineData("PAYPAL-TRANSMISSION-TIME")]
    [InlineData("PAYPAL-TRANSMISSION-SIG")]
    [InlineData("PAYPAL-CERT-URL")]
    public async Task Verify_HeaderMissing_IsMissingHeader(string header)
    {
        var headers = VectorHeaders();
        headers.Remove(header);

        var result = await VerifyAsync(Body, headers, WebhookId, SentAt);

        Assert.Equal(SignatureFailure.MissingHeader, result.Failure);
        Assert.Contains(header, result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PAYPAL-AUTH-ALGO", "SHA1withRSA")]
    [InlineData("PAYPAL-TRANSMISSION-SIG", "not base64 at all!")]
    public async Task Verify_HeaderMalformed_IsMalformed(string header, string value)
    {
        var headers = VectorHeaders();
        headers[header] = value;

        Assert.Equal(SignatureFailure.Malformed, (await VerifyAsync(Body, headers, WebhookId, SentAt)).Failure);
    }

    private static HeaderDictionary VectorHeaders()
    {
        var headers = new HeaderDictionary();
        foreach (var header in Vector.GetProperty("headers").EnumerateObject())
        {
            headers[header.Name] = header.Value.GetString();
        }

        return headers;
    }

    private static SignedDelivery Delivery(byte[] body, HeaderDictionary headers, DateTimeOffset at) =>
        new(body, headers, ["https://ai.example.test/api/v1/webhook/acme/src_paypal"], at);

    private Task<SignatureResult> VerifyAsync(byte[] body, HeaderDictionary headers, string webhookId, DateTimeOffset at) =>
        new PayPalSignatureVerifier(PayPalCerts.Serving(_server)).VerifyAsync(Delivery(body, headers, at), webhookId, default).AsTask();
}
