using System.Text.Json;
using AccountingIntegration.Features.Webhooks.Signatures;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Webhooks.Signatures;

/// <summary>Against Square's own signed vector (its Python SDK's test): body, URL, key and header nobody on our side produced.</summary>
public sealed class SquareSignatureVerifierTests
{
    private static readonly byte[] Body = File.ReadAllBytes(Fixtures.Path("square/webhooks.test_notification.json"));
    private static readonly JsonElement Vector = JsonDocument.Parse(File.ReadAllText(Fixtures.Path("square/webhooks.test_notification.signature.json"))).RootElement;
    private static readonly string Key = Vector.GetProperty("signature_key").GetString()!;
    private static readonly string Url = Vector.GetProperty("notification_url").GetString()!;
    private static readonly string Signature = Vector.GetProperty("headers").GetProperty("x-square-hmacsha256-signature").GetString()!;

    private readonly SquareSignatureVerifier _verifier = new();

    [Fact]
    public void Verify_SquaresVector_IsValid()
    {
        var result = _verifier.Verify(Body, Hmac.Headers("x-square-hmacsha256-signature", Signature), Key, [Url]);

        Assert.True(result.IsValid, result.Message);
    }

    [Fact]
    public void Verify_RegisteredUrlSecondAmongTheCandidates_IsValid()
    {
        // Behind a proxy the public URL and the URL the request reached differ; either may be the registered one.
        var result = _verifier.Verify(Body, Hmac.Headers("X-Square-HmacSha256-Signature", Signature), Key, ["http://127.0.0.1:8080/hook", Url]);

        Assert.True(result.IsValid, result.Message);
    }

    [Theory]
    [InlineData("https://webhook.site/679a4f3a-dcfa-49ee-bac5-9d0edad886b8")]
    [InlineData("https://webhook.site/679a4f3a-dcfa-49ee-bac5-9d0edad886b9/")]
    [InlineData("http://webhook.site/679a4f3a-dcfa-49ee-bac5-9d0edad886b9")]
    public void Verify_UrlOneCharacterOff_IsMismatch(string url)
    {
        var result = _verifier.Verify(Body, Hmac.Headers("x-square-hmacsha256-signature", Signature), Key, [url]);

        Assert.Equal(SignatureFailure.Mismatch, result.Failure);
        Assert.DoesNotContain(Key, result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Signature, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_BodyWithOneByteChanged_IsMismatch()
    {
        var result = _verifier.Verify(Hmac.FlipOneByte(Body), Hmac.Headers("x-square-hmacsha256-signature", Signature), Key, [Url]);

        Assert.Equal(SignatureFailure.Mismatch, result.Failure);
    }

    [Fact]
    public void Verify_OtherKey_IsMismatch()
    {
        var result = _verifier.Verify(Body, Hmac.Headers("x-square-hmacsha256-signature", Signature), "Ibxx_5AKakO-3qeNVR61Dx", [Url]);

        Assert.Equal(SignatureFailure.Mismatch, result.Failure);
    }

    [Fact]
    public void Verify_NoHeader_IsMissingHeader()
    {
        Assert.Equal(SignatureFailure.MissingHeader, _verifier.Verify(Body, new HeaderDictionary(), Key, [Url]).Failure);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("GF4YkrJgGBDZ9NIYbNXBnMzq")]
    public void Verify_HeaderNotAnHmac_IsMalformed(string header)
    {
        Assert.Equal(SignatureFailure.Malformed, _verifier.Verify(Body, Hmac.Headers("x-square-hmacsha256-signature", header), Key, [Url]).Failure);
    }

    [Fact]
    public void Verify_NoUrl_IsAConfigurationError()
    {
        Assert.Throws<ArgumentException>(() => _verifier.Verify(Body, Hmac.Headers("x-square-hmacsha256-signature", Signature), Key, []));
    }
}
