namespace AccountingIntegration.Features.Webhooks.Signatures;

/// <summary>
/// The values a source's <c>signature_scheme</c> may hold. Matching is ordinal: the API stores
/// exactly these spellings, so "Stripe" is not a scheme.
/// </summary>
internal static class SignatureSchemes
{
    public const string None = "none";
    public const string Stripe = "stripe";
    public const string Shopify = "shopify";
    public const string HmacSha256 = "hmac-sha256";
    public const string Paddle = "paddle";
    public const string WooCommerce = "woocommerce";
    public const string Square = "square";
    public const string PayPal = "paypal";

    public static IReadOnlyList<string> All { get; } = [None, Stripe, Shopify, HmacSha256, Paddle, WooCommerce, Square, PayPal];

    public static bool IsKnown(string? scheme) => scheme is not null && All.Contains(scheme, StringComparer.Ordinal);

    /// <summary>
    /// Schemes whose secret the operator may choose, so the service makes one up when none is given: our own scheme,
    /// and WooCommerce, whose webhook form takes any secret. The others' secrets are issued by the vendor.
    /// </summary>
    public static bool SecretMayBeGenerated(string scheme) => scheme is HmacSha256 or WooCommerce;
}
