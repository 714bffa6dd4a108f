using AccountingIntegration.Features.Webhooks.Signatures;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Webhooks.Signatures;

public sealed class WebhookSignatureVerifierTests
{
    private const string Secret = "whsec_dispatch_1a2b3c4d5e6f7a8b9c0d";

    private static readonly byte[] Body = File.ReadAllBytes(Fixtures.Path("stripe/invoice.paid.json"));
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 15, 0, 0, TimeSpan.Zero);

    private readonly WebhookSignatureVerifier _dispatcher = WebhookSignatureVerifier.CreateDefault();

    [Fact]
    public void Verify_None_IsValidWithoutHeadersOrSecret()
    {
        var result = _dispatcher.Verify("none", Body, new HeaderDictionary(), null, Now);

        Assert.True(result.IsValid);
    }

    [Theory]
    [InlineData("hmac-sha1")]
    [InlineData("Stripe")]
    [InlineData("")]
    [InlineData("square")]
    public void Verify_UnknownScheme_IsUnknownScheme(string scheme)
    {
        var result = _dispatcher.Verify(scheme, Body, Hmac.Headers("Stripe-Signature", "t=1,v1=00"), Secret, Now);

        Assert.False(result.IsValid);
        Assert.Equal(SignatureFailure.UnknownScheme, result.Failure);
    }

    [Fact]
    public void Verify_Stripe_RoutesToStripeVerifier()
    {
        var unix = Now.ToUnixTimeSeconds();
        var headers = Hmac.Headers("Stripe-Signature", $"t={unix},v1={Hmac.Hex(Secret, $"{unix}.", Body)}");

        Assert.True(_dispatcher.Verify("stripe", Body, headers, Secret, Now).IsValid);
        Assert.Equal(SignatureFailure.MissingHeader, _dispatcher.Verify("hmac-sha256", Body, headers, Secret, Now).Failure);
    }

    [Fact]
    public void Verify_HmacSha256_RoutesToGenericVerifier()
    {
        var headers = Hmac.Headers("X-Webhook-Signature", HmacSha256SignatureVerifier.Sign(Body, Secret, Now));

        Assert.True(_dispatcher.Verify("hmac-sha256", Body, headers, Secret, Now).IsValid);
    }

    [Fact]
    public void CreateDefault_HandlesEveryKnownScheme()
    {
        foreach (var scheme in SignatureSchemes.All)
        {
            var result = _dispatcher.Verify(scheme, Body, new HeaderDictionary(), Secret, Now);

            Assert.NotEqual(SignatureFailure.UnknownScheme, result.Failure);
        }
    }

    [Fact]
    public void Verify_NoVerifiersRegistered_RejectsSignedSchemes()
    {
        var empty = new WebhookSignatureVerifier([]);

        Assert.Equal(SignatureFailure.UnknownScheme, empty.Verify("stripe", Body, new HeaderDictionary(), Secret, Now).Failure);
        Assert.True(empty.Verify("none", Body, new HeaderDictionary(), null, Now).IsValid);
    }

    [Fact]
    public void Verify_SignedSchemeWithoutSecret_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => _dispatcher.Verify("stripe", Body, new HeaderDictionary(), null, Now));
        Assert.Throws<ArgumentException>(() => _dispatcher.Verify("shopify", Body, new HeaderDictionary(), "", Now));
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
    [InlineData("square", false)]
    [InlineData(null, false)]
    public void IsKnown_Scheme_MatchesAllOrdinally(string? scheme, bool known)
    {
        Assert.Equal(known, SignatureSchemes.IsKnown(scheme));
    }

    [Fact]
    public void Fail_WithNoneReason_Throws()
    {
        Assert.Throws<ArgumentException>(() => SignatureResult.Fail(SignatureFailure.None, "x"));
    }
}
