using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Tenancy;
using AccountingIntegration.Features.Webhooks.Signatures;
using AccountingIntegration.Infrastructure.Configuration;

namespace AccountingIntegration.Features.OperatorConsole.Pages.Sources;

/// <summary>
/// What both source pages share: the organization from the route, and the operator acting for it exactly as the JSON
/// API's tenant routes see an operator (<see cref="TenantContext"/> with the admin caller), so the endpoint handlers
/// validate and audit the change as they do for the API.
/// </summary>
public abstract class SourcePageModel : ConsolePageModel
{
    /// <summary>The vendors a source can be, in the order the form offers them.</summary>
    public static IReadOnlyList<(string Value, string Label)> SourceTypes { get; } =
    [
        ("generic", "Generic JSON"), ("stripe", "Stripe"), ("shopify", "Shopify"), ("woocommerce", "WooCommerce"),
        ("paddle", "Paddle"), ("paypal", "PayPal"), ("square", "Square"), ("orders", "Order events (in-house apps)"),
    ];

    /// <summary>The signature schemes, with what each checks.</summary>
    public static IReadOnlyList<(string Value, string Label)> Schemes { get; } =
    [
        (SignatureSchemes.HmacSha256, "hmac-sha256 — our own X-Webhook-Signature (secret generated if left empty)"),
        (SignatureSchemes.Stripe, "stripe — Stripe-Signature"),
        (SignatureSchemes.Shopify, "shopify — X-Shopify-Hmac-Sha256"),
        (SignatureSchemes.Paddle, "paddle — Paddle-Signature"),
        (SignatureSchemes.WooCommerce, "woocommerce — X-WC-Webhook-Signature (secret generated if left empty)"),
        (SignatureSchemes.Square, "square — x-square-hmacsha256-signature (the subscription's signature key)"),
        (SignatureSchemes.PayPal, "paypal — PAYPAL-TRANSMISSION-SIG (secret: the webhook's id)"),
        (SignatureSchemes.None, "none — deliveries need an API key (X-API-Key)"),
    ];

    /// <summary>The organization of the route; null when there is none.</summary>
    internal Organization? Organization { get; private set; }

    public string OrganizationName => Organization?.Name ?? "";

    public string SourcesPath => $"/console/organizations/{Uri.EscapeDataString(Organization?.OrganizationId ?? "")}/sources";

    protected async Task<bool> LoadOrganizationAsync(string organizationId)
    {
        Organization = await Get<OrganizationStore>().GetByIdAsync(organizationId, HttpContext.RequestAborted);
        return Organization is not null;
    }

    /// <summary>The operator acting for the organization, as <see cref="TenantResolver"/> makes it for an admin token.</summary>
    internal TenantContext Tenant() => new(Organization!, TenantCaller.Admin, User.FindFirst("sub")?.Value ?? "admin", null, null);

    internal HttpOptions Http => Get<HttpOptions>();
}
