using AccountingIntegration.Features.Webhooks.Signatures;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Webhooks.Signatures;

public sealed class ShopifySignatureVerifierTests
{
    private const string Secret = "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";
    private const string OtherSecret = "shpss_0123456789abcdef0123456789abcdef";

    private static readonly byte[] Body = File.ReadAllBytes(Fixtures.Path("shopify/orders-create.json"));

    // Shopify signs no timestamp, so the clock must not matter.
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;

    private readonly ShopifySignatureVerifier _verifier = new();

    [Theory]
    [InlineData("X-Shopify-Hmac-Sha256")]
    [InlineData("x-shopify-hmac-sha256")]
    [InlineData("shopify-hmac-sha256")]
    public void Verify_Base64HmacOfRawBody_IsValid(string headerName)
    {
        var result = _verifier.Verify(Body, Hmac.Headers(headerName, Hmac.Base64(Secret, Body)), Secret, Now);

        Assert.True(result.IsValid);
        Assert.Equal(SignatureFailure.None, result.Failure);
    }

    [Fact]
    public void Verify_SignedWithOtherSecret_IsMismatchAndMessageLeaksNothing()
    {
        var result = _verifier.Verify(Body, Hmac.Headers("X-Shopify-Hmac-Sha256", Hmac.Base64(OtherSecret, Body)), Secret, Now);

        Assert.Equal(SignatureFailure.Mismatch, result.Failure);
        Assert.Contains("X-Shopify-Hmac-Sha256", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Hmac.Base64(Secret, Body), result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_BodyWithOneByteChanged_IsMismatch()
    {
        var result = _verifier.Verify(Hmac.FlipOneByte(Body), Hmac.Headers("X-Shopify-Hmac-Sha256", Hmac.Base64(Secret, Body)), Secret, Now);

        Assert.Equal(SignatureFailure.Mismatch, result.Failure);
    }

    [Fact]
    public void Verify_PrefixedHeaderWrongAndUnprefixedRight_IsMismatch()
    {
        var headers = new HeaderDictionary
        {
            ["X-Shopify-Hmac-Sha256"] = Hmac.Base64(OtherSecret, Body),
            ["shopify-hmac-sha256"] = Hmac.Base64(Secret, Body),
        };

        Assert.Equal(SignatureFailure.Mismatch, _verifier.Verify(Body, headers, Secret, Now).Failure);
    }

    [Fact]
    public void Verify_EmptyBodyEvenWhenCorrectlySigned_Fails()
    {
        var result = _verifier.Verify([], Hmac.Headers("X-Shopify-Hmac-Sha256", Hmac.Base64(Secret, [])), Secret, Now);

        Assert.False(result.IsValid);
        Assert.Equal(SignatureFailure.Malformed, result.Failure);
    }

    [Fact]
    public void Verify_NoHeader_IsMissingHeader()
    {
        var result = _verifier.Verify(Body, Hmac.Headers("X-Shopify-Topic", "orders/create"), Secret, Now);

        Assert.Equal(SignatureFailure.MissingHeader, result.Failure);
        Assert.Contains("X-Shopify-Hmac-Sha256", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("%%%%")]
    [InlineData("AAAA")]
    [InlineData("AAECAwQFBgcICQoLDA0ODw==")]
    [InlineData("")]
    public void Verify_NotA32ByteBase64Value_IsMalformed(string header)
    {
        var result = _verifier.Verify(Body, Hmac.Headers("X-Shopify-Hmac-Sha256", header), Secret, Now);

        Assert.Equal(SignatureFailure.Malformed, result.Failure);
    }

    [Fact]
    public void Verify_HexInsteadOfBase64_IsMalformed()
    {
        var hex = Hmac.Hex(Secret, "", Body);

        var result = _verifier.Verify(Body, Hmac.Headers("X-Shopify-Hmac-Sha256", hex), Secret, Now);

        Assert.Equal(SignatureFailure.Malformed, result.Failure);
    }

    [Fact]
    public void Verify_SignatureFollowedByMoreBytes_IsMalformed()
    {
        var longer = Convert.ToBase64String([.. Hmac.Sha256(Secret, "", Body), .. new byte[8]]);

        var result = _verifier.Verify(Body, Hmac.Headers("X-Shopify-Hmac-Sha256", longer), Secret, Now);

        Assert.Equal(SignatureFailure.Malformed, result.Failure);
    }

    [Fact]
    public void Verify_HugeHeader_IsMalformed()
    {
        var result = _verifier.Verify(Body, Hmac.Headers("X-Shopify-Hmac-Sha256", new string('A', 100_000)), Secret, Now);

        Assert.Equal(SignatureFailure.Malformed, result.Failure);
    }
}
