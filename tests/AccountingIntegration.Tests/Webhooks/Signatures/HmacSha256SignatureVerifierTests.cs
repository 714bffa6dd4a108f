using System.Text.RegularExpressions;
using AccountingIntegration.Features.Webhooks.Signatures;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Webhooks.Signatures;

public sealed class HmacSha256SignatureVerifierTests
{
    private const string Secret = "our-source-secret-6b1f0e9d8c7b6a5f4e3d2c1b";
    private const string NextSecret = "our-source-secret-next-a0b1c2d3e4f5a6b7c8d9";

    private static readonly byte[] Body = File.ReadAllBytes(Fixtures.Path("woocommerce/order.created.json"));
    private static readonly DateTimeOffset SentAt = new(2026, 11, 24, 15, 0, 0, TimeSpan.Zero);

    private readonly HmacSha256SignatureVerifier _verifier = new();

    [Fact]
    public void Sign_ThenVerify_IsValid()
    {
        var header = HmacSha256SignatureVerifier.Sign(Body, Secret, SentAt);

        var result = _verifier.Verify(Body, Hmac.Headers("X-Webhook-Signature", header), Secret, SentAt.AddSeconds(2));

        Assert.True(result.IsValid);
    }

    [Fact]
    public void Sign_MatchesTheDocumentedRecipe()
    {
        var unix = SentAt.ToUnixTimeSeconds();

        var header = HmacSha256SignatureVerifier.Sign(Body, Secret, SentAt.AddMilliseconds(999));

        Assert.Matches(new Regex("^t=[0-9]+,v1=[0-9a-f]{64}$"), header);
        Assert.Equal($"t={unix},v1={Hmac.Hex(Secret, $"{unix}.", Body)}", header);
    }

    [Fact]
    public void Verify_SignedWithOtherSecret_IsMismatch()
    {
        var header = HmacSha256SignatureVerifier.Sign(Body, NextSecret, SentAt);

        var result = _verifier.Verify(Body, Hmac.Headers("X-Webhook-Signature", header), Secret, SentAt);

        Assert.Equal(SignatureFailure.Mismatch, result.Failure);
        Assert.DoesNotContain(Secret, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_BodyWithOneByteChanged_IsMismatch()
    {
        var header = HmacSha256SignatureVerifier.Sign(Body, Secret, SentAt);

        var result = _verifier.Verify(Hmac.FlipOneByte(Body), Hmac.Headers("X-Webhook-Signature", header), Secret, SentAt);

        Assert.Equal(SignatureFailure.Mismatch, result.Failure);
    }

    [Theory]
    [InlineData(Secret)]
    [InlineData(NextSecret)]
    public void Verify_SenderRollingSecretSendsBoth_EitherStoredSecretIsValid(string storedSecret)
    {
        var unix = SentAt.ToUnixTimeSeconds();
        var header = $"t={unix},v1={Hmac.Hex(Secret, $"{unix}.", Body)},v1={Hmac.Hex(NextSecret, $"{unix}.", Body)}";

        var result = _verifier.Verify(Body, Hmac.Headers("X-Webhook-Signature", header), storedSecret, SentAt);

        Assert.True(result.IsValid);
    }

    [Theory]
    [InlineData(300, true)]
    [InlineData(-300, true)]
    [InlineData(301, false)]
    [InlineData(-301, false)]
    public void Verify_ClockOffsetFromTimestamp_AppliesTolerance(int offsetSeconds, bool valid)
    {
        var header = HmacSha256SignatureVerifier.Sign(Body, Secret, SentAt);

        var result = _verifier.Verify(Body, Hmac.Headers("X-Webhook-Signature", header), Secret, SentAt.AddSeconds(offsetSeconds));

        Assert.Equal(valid ? SignatureFailure.None : SignatureFailure.TimestampOutOfTolerance, result.Failure);
    }

    [Fact]
    public void Verify_CustomTolerance_IsUsed()
    {
        var verifier = new HmacSha256SignatureVerifier(TimeSpan.FromMinutes(1));
        var headers = Hmac.Headers("X-Webhook-Signature", HmacSha256SignatureVerifier.Sign(Body, Secret, SentAt));

        Assert.True(verifier.Verify(Body, headers, Secret, SentAt.AddSeconds(60)).IsValid);
        Assert.Equal(SignatureFailure.TimestampOutOfTolerance, verifier.Verify(Body, headers, Secret, SentAt.AddSeconds(61)).Failure);
    }

    [Fact]
    public void Verify_StripeHeaderName_IsMissingHeader()
    {
        var header = HmacSha256SignatureVerifier.Sign(Body, Secret, SentAt);

        var result = _verifier.Verify(Body, Hmac.Headers("Stripe-Signature", header), Secret, SentAt);

        Assert.Equal(SignatureFailure.MissingHeader, result.Failure);
        Assert.Contains("X-Webhook-Signature", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("t=now,v1=00")]
    [InlineData("v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1764000000,t=1764000001")]
    public void Verify_HostileHeader_IsMalformed(string header)
    {
        var result = _verifier.Verify(Body, Hmac.Headers("X-Webhook-Signature", header), Secret, SentAt);

        Assert.Equal(SignatureFailure.Malformed, result.Failure);
    }

    [Fact]
    public void Sign_EmptySecret_Throws()
    {
        Assert.Throws<ArgumentException>(() => HmacSha256SignatureVerifier.Sign(Body, "", SentAt));
    }
}
