namespace AccountingIntegration.Features.Tiers;

/// <summary>
/// Who an X-API-Key header belongs to, worked out before the rate limiter runs (a limiter cannot
/// await a lookup). Null ids mean the key is unknown, revoked or expired; the endpoint refuses it later.
/// </summary>
internal sealed record ApiKeyCaller(string? KeyId, string? OrganizationId, string? PlanTier)
{
    private const string ItemKey = "api-key-caller";

    public static ApiKeyCaller? Of(HttpContext http) => http.Items[ItemKey] as ApiKeyCaller;

    public void Attach(HttpContext http) => http.Items[ItemKey] = this;
}
