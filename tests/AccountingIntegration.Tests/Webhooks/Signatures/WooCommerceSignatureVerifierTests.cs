using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AccountingIntegration.Features.Webhooks.Signatures;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Webhooks.Signatures;

/// <summary>
/// WooCommerce publishes no signed vector, so the body is WooCommerce's own order as its delivery code would send
/// it (<c>trim(wp_json_encode(payload))</c>: compact, <c>/</c> escaped as <c>\/</c>, non-ASCII as <c>\uXXXX</c>)
/// and the signature is its recipe, base64 HMAC-SHA256 of those bytes, computed here without the service's code.
/// </summary>
public sealed class WooCommerceSignatureVerifierTests
{
    private const string Secret = "wc-secret-1f2e3d4c5b6a";

    private static readonly byte[] Body = WordPressJson(File.ReadAllText(Fixtures.Path("woocommerce/order.updated.json")));

    private readonly WooCommerceSignatureVerifier _verifier = new();

    [Fact]
    public void Verify_Base64HmacOfTheBodyAsWordPressEncodesIt_IsValid()
    {
        Assert.Contains("Jo\\u00e3o", Encoding.ASCII.GetString(Body), StringComparison.Ordinal);

        var result = _verifier.Verify(Body, Hmac.Headers("X-WC-Webhook-Signature", Hmac.Base64(Secret, Body)), Secret);

        Assert.True(result.IsValid, result.Message);
    }

    [Fact]
    public void Verify_BodyReencodedWithoutWordPressEscapes_IsMismatch()
    {
        var reencoded = Encoding.UTF8.GetBytes(JsonNode.Parse(Body)!.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

        var result = _verifier.Verify(reencoded, Hmac.Headers("X-WC-Webhook-Signature", Hmac.Base64(Secret, Body)), Secret);

        Assert.Equal(SignatureFailure.Mismatch, result.Failure);
    }

    [Fact]
    public void Verify_OtherSecret_IsMismatchAndMessageLeaksNothing()
    {
        var result = _verifier.Verify(Body, Hmac.Headers("x-wc-webhook-signature", Hmac.Base64("another-secret-99", Body)), Secret);

        Assert.Equal(SignatureFailure.Mismatch, result.Failure);
        Assert.Contains("X-WC-Webhook-Signature", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ShopifyHeaderInstead_IsMissingHeader()
    {
        var result = _verifier.Verify(Body, Hmac.Headers("X-Shopify-Hmac-Sha256", Hmac.Base64(Secret, Body)), Secret);

        Assert.Equal(SignatureFailure.MissingHeader, result.Failure);
    }

    [Fact]
    public void Verify_EmptyBody_IsMalformed()
    {
        var result = _verifier.Verify([], Hmac.Headers("X-WC-Webhook-Signature", Hmac.Base64(Secret, [])), Secret);

        Assert.Equal(SignatureFailure.Malformed, result.Failure);
    }

    /// <summary>What PHP's <c>wp_json_encode</c> makes of a JSON document: compact, slashes and non-ASCII escaped.</summary>
    internal static byte[] WordPressJson(string json)
    {
        var compact = JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var builder = new StringBuilder();
        foreach (var c in compact.Replace("/", "\\/", StringComparison.Ordinal))
        {
            builder.Append(c > 127 ? $"\\u{(int)c:x4}" : c);
        }

        return Encoding.ASCII.GetBytes(builder.ToString());
    }
}
