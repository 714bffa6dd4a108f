using System.Reflection;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Organizations;

namespace AccountingIntegration.Features.Tenancy;

internal enum TenantCaller
{
    ApiKey,
    Admin,
}

/// <summary>
/// The organization a tenant route acts for, established by <see cref="TenantAccessFilter"/>
/// from the route's slug and the caller's credential — never from the body.
/// </summary>
internal sealed record TenantContext(Organization Organization, TenantCaller Caller, string ActorId, string? ApiKeyId, string? BoundSourceId)
{
    private const string ItemKey = "tenant";

    public string OrganizationId => Organization.OrganizationId;

    public bool IsAdmin => Caller == TenantCaller.Admin;

    /// <summary>Whether the caller may see data of this source: any, unless its key is bound to another one.</summary>
    public bool SeesSource(string sourceId) => BoundSourceId is null || BoundSourceId == sourceId;

    /// <summary>The caller as the audit trail names it: an operator or the organization's API key.</summary>
    public AuditActor AuditActor(HttpContext http) =>
        new(IsAdmin ? "admin" : "api_key", ActorId, http.Connection.RemoteIpAddress?.ToString());

    /// <summary>
    /// Minimal API parameter binding: handlers simply declare a TenantContext parameter. Binding
    /// runs before endpoint filters, so it resolves (and remembers) the tenant itself.
    /// </summary>
    public static async ValueTask<TenantContext?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        await context.RequestServices.GetRequiredService<TenantResolver>().ResolveAsync(context);

    internal static TenantContext? Cached(HttpContext context) => context.Items[ItemKey] as TenantContext;

    internal void Attach(HttpContext context) => context.Items[ItemKey] = this;
}
