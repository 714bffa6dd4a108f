using AccountingIntegration.Features.Webhooks.Signatures;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Webhooks.Signatures;

public sealed class WebhookSignatureVerifierTests
{
    private const string Secret = "whsec_dispatch_1a2b3c4d5e6f7a8b9c0d";

    private static readonly byte[] Body = File.ReadAllBytes(Fixtures.Path("stripe/invoice.paid.json"));
    private const string Url = "https://ai.example.test/api/v1/webhook/acme/src_1";

    private static readonly DateTimeOffset Now = new(2026, 11, 24, 15, 0, 0, TimeSpan.Zero);

    private readonly WebhookSignatureVerifier _dispatcher = WebhookSignatureVerifier.CreateDefault(PayPalCerts.Serving(new Dictionary<string, string>()));

    [Fact]
    public async Task Verify_None_IsValidWithoutHeadersOrSecret()
    {
        var result = await VerifyAsync(_dispatcher, "none", new HeaderDictionary(), null, Now);

        Assert.True(result.IsValid);
    }

    [Theory]
    [InlineData("hmac-sha1")]
    [InlineData("Stripe")]
    [InlineData("")]
    [InlineData("hmac-sha512")]
    public async Task Verify_UnknownScheme_IsUnknownScheme(string scheme)
    {
        var result = await VerifyAsync(_dispatcher, scheme, Hmac.Headers("Stripe-Signature", "t=1,v1=00"), Secret, Now);

        Assert.False(result.IsValid);
        Assert.Equal(SignatureFailure.UnknownScheme, result.Failure);
    }

    [Fact]
    public async Task Verify_Stripe_RoutesToStripeVerifier()
    {
        var unix = Now.ToUnixTimeSeconds();
        var headers = Hmac.Headers("Stripe-Signature", $"t={unix},v1={Hmac.Hex(Secret, $"{unix}.", Body)}");

        Assert.True((await VerifyAsync(_dispatcher, "stripe", headers, Secret, Now)).IsValid);
        Assert.Equal(SignatureFailure.MissingHeader, (await VerifyAsync(_dispatcher, "hmac-sha256", headers, Secret, Now)).Failure);
    }

    [Fact]
    public async Task Verify_HmacSha256_RoutesToGenericVerifier()
    {
        var headers = Hmac.Headers("X-Webhook-Signature", HmacSha256SignatureVerifier.Sign(Body, Secret, Now));

        Assert.True((await VerifyAsync(_dispatcher, "hmac-sha256", headers, Secret, Now)).IsValid);
    }

    [Fact]
    public async Task CreateDefault_HandlesEveryKnownScheme()
    {
        foreach (var scheme in SignatureSchemes.All)
        {
            var result = await VerifyAsync(_dispatcher, scheme, new HeaderDictionary(), Secret, Now);

            Assert.NotEqual(SignatureFailure.UnknownScheme, result.Failure);
        }
    }

    [Fact]
    public async Task Verify_NoVerifiersRegistered_RejectsSignedSchemes()
    {
        var empty = new WebhookSignatureVerifier([]);

        Assert.Equal(SignatureFailure.UnknownScheme, (await VerifyAsync(empty, "stripe", new HeaderDictionary(), Secret, Now)).Failure);
        Assert.True((await VerifyAsync(empty, "none", new HeaderDictionary(), null, Now)).IsValid);
    }

    [Fact]
    public async Task Verify_SignedSchemeWithoutSecret_Throws()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await VerifyAsync(_dispatcher, "stripe", new HeaderDictionary(), null, Now));
        await Assert.ThrowsAsync<ArgumentException>(async () => await VerifyAsync(_dispatcher, "shopify", new HeaderDictionary(), "", Now));
    }

    [Fact]
    public void Constructor_TwoVerifiersForOneScheme_Throws()
    {
        Assert.Throws<ArgumentException>(() => new WebhookSignatureVerifier([new StripeSignatureVerifier(), new StripeSignatureVerifier()]));
    }

    [Theory]
    [InlineData("none", true)]
    [InlineData("stripe", true)]
    [InlineData("shopify", true)]
    [InlineData("hmac-sha256", true)]
    [InlineData("paddle", true)]
    [InlineData("HMAC-SHA256", false)]
    [InlineData("square", true)]
    [InlineData("paypal", true)]
    [InlineData("woocommerce", true)]
    [InlineData("Square", false)]
    [InlineData(null, false)]
    public void IsKnown_Scheme_MatchesAllOrdinally(string? scheme, bool known)
    {
        Assert.Equal(known, SignatureSchemes.IsKnown(scheme));
    }

    [Fact]
    public async Task VerifyAsync_Square_SignsTheNotificationUrl()
    {
        var key = "square-signature-key-1";
        var headers = Hmac.Headers("x-square-hmacsha256-signature", Convert.ToBase64String(Hmac.Sha256(key, Url, Body)));

        Assert.True((await VerifyAsync(_dispatcher, "square", headers, key, Now)).IsValid);
        Assert.Equal(SignatureFailure.Mismatch, (await _dispatcher.VerifyAsync("square", new SignedDelivery(Body, headers, [Url + "/"], Now), key, default)).Failure);
    }

    [Fact]
    public void Fail_WithNoneReason_Throws()
    {
        Assert.Throws<ArgumentException>(() => SignatureResult.Fail(SignatureFailure.None, "x"));
    }

    private static ValueTask<SignatureResult> VerifyAsync(WebhookSignatureVerifier verifier, string scheme, HeaderDictionary headers, string? secret, DateTimeOffset now) =>
        verifier.VerifyAsync(scheme, new SignedDelivery(Body, headers, [Url], now), secret, default);
}
