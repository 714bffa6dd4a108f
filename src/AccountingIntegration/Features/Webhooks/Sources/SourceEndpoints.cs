using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Tenancy;
using AccountingIntegration.Features.Tiers;
using AccountingIntegration.Features.Webhooks.Ingest;
using AccountingIntegration.Features.Webhooks.Signatures;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.OpenApi;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Mapping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountingIntegration.Features.Webhooks.Sources;

/// <summary>
/// <c>GET|POST /api/v1/webhook/{slug}/sources</c>: an organization's webhook senders. A signing
/// secret is stored encrypted and never shown again; the view only says whether one is set.
/// </summary>
internal static partial class SourceEndpoints
{
    public static RouteGroupBuilder MapSourceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/webhook/{slug}/sources").RequireTenantAccess().WithTags("Webhooks");
        group.MapGet("", ListAsync).WithName("ListWebhookSources");
        group.MapPost("", CreateAsync).WithName("CreateWebhookSource")
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed)
            .ProducesProblemCodes(StatusCodes.Status403Forbidden, PlanTierErrors.PlanTierRequired);
        group.MapPatch("/{sourceId}", UpdateAsync).WithName("UpdateWebhookSource")
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed)
            .ProducesProblemCodes(StatusCodes.Status403Forbidden, PlanTierErrors.PlanTierRequired)
            .ProducesProblemCodes(StatusCodes.Status404NotFound, IngestErrors.SourceNotFoundCode);
        group.MapPost("/{sourceId}/rotate-secret", RotateSecretAsync).WithName("RotateWebhookSourceSecret")
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed)
            .ProducesProblemCodes(StatusCodes.Status404NotFound, IngestErrors.SourceNotFoundCode);
        return group;
    }

    internal static async Task<Ok<ApiResponse<IReadOnlyList<SourceView>>>> ListAsync(TenantContext tenant, WebhookStore webhooks, CancellationToken cancellationToken)
    {
        var sources = await webhooks.ListSourcesAsync(tenant.OrganizationId, cancellationToken);
        return TypedResults.Ok(ApiResponse.Of<IReadOnlyList<SourceView>>(sources.Select(SourceView.From).ToList()));
    }

    internal static async Task<Created<ApiResponse<SourceView>>> CreateAsync(
        CreateSourceRequest request, TenantContext tenant, HttpContext http, WebhookStore webhooks, SecretProtector secrets, AuditTrail audit,
        PlanTierOptions tiers, CancellationToken cancellationToken)
    {
        var scheme = Validate(request);
        await SourceQuota.EnsureRoomAsync(tenant, webhooks, tiers, cancellationToken);
        // Our own scheme's secret (and WooCommerce's, which takes any) may be left to us: it is generated and shown once, in this answer.
        var generated = SignatureSchemes.SecretMayBeGenerated(scheme) && string.IsNullOrEmpty(request.SigningSecret) ? NewSecret() : null;
        var plainSecret = string.IsNullOrEmpty(request.SigningSecret) ? generated : request.SigningSecret;
        // The secret is encrypted bound to the new source's id, and written with the source.
        var source = await webhooks.CreateSourceAsync(tenant.OrganizationId, request.Name!.Trim(), request.SourceType!, scheme, null,
            request.EventIdPath, request.IsDefault ?? false, cancellationToken, request.EventTypePath,
            plainSecret is null ? null : sourceId => secrets.Protect(plainSecret, WebhookAuthentication.SigningSecretContext(tenant.OrganizationId, sourceId)),
            (transaction, source) => audit.RecordAsync(transaction, tenant.AuditActor(http), new AuditAction("webhook_source", "webhook_source.created")
            {
                OrganizationId = tenant.OrganizationId,
                TargetType = "webhook_source",
                TargetId = source.SourceId,
                Details = new() { ["sourceType"] = source.SourceType, ["signatureScheme"] = scheme },
            }, cancellationToken));
        return TypedResults.Created($"/api/v1/webhook/{tenant.Organization.Slug}/sources",
            ApiResponse.Of(SourceView.From(source) with { GeneratedSigningSecret = generated }));
    }

    private static string Validate(CreateSourceRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
        {
            errors["name"] = ["is required, at most 200 characters"];
        }

        if (request.SourceType is null || !SourceTypePattern().IsMatch(request.SourceType))
        {
            errors["sourceType"] = ["is required: 1-50 characters of a-z, 0-9, '-', '_' (e.g. stripe, shopify, woocommerce, generic)"];
        }

        var scheme = request.SignatureScheme ?? SignatureSchemes.None;
        if (!SignatureSchemes.IsKnown(scheme))
        {
            errors["signatureScheme"] = ["must be one of " + string.Join(", ", SignatureSchemes.All)];
        }
        else if (scheme != SignatureSchemes.None)
        {
            CheckSecret(scheme, request.SigningSecret, errors);
        }

        if (request.EventIdPath is { Length: > 200 })
        {
            errors["eventIdPath"] = ["at most 200 characters"];
        }

        if (request.EventTypePath is not null && (request.EventTypePath.Length is 0 or > 200 || !JsonLookup.IsSingleValuePath(request.EventTypePath)))
        {
            errors["eventTypePath"] = ["must be a JSON path of at most 200 characters (e.g. event or data.type)"];
        }

        return errors.Count > 0 ? throw ApiException.Validation(errors) : scheme;
    }

    [GeneratedRegex("^[a-z0-9_-]{1,50}$", RegexOptions.CultureInvariant)]
    private static partial Regex SourceTypePattern();

    internal sealed record CreateSourceRequest(string? Name, string? SourceType, string? SignatureScheme, string? SigningSecret, string? EventIdPath, bool? IsDefault,
        string? EventTypePath = null);

    /// <summary>A source as the API shows it: never its secret, except one the service generated, in the answer that created it.</summary>
    internal sealed record SourceView(string SourceId, string Name, string SourceType, string SignatureScheme, bool HasSigningSecret,
        string? EventIdPath, string? EventTypePath, bool IsDefault, bool IsActive, DateTime CreatedAt)
    {
        /// <summary>Until when the secret before the last rotation verifies (a past time: it no longer does); absent when there is none.</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public DateTime? PreviousSecretValidUntil { get; init; }

        /// <summary>The secret the service generated for this source; only in the answer that generated it.</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? GeneratedSigningSecret { get; init; }

        public static SourceView From(WebhookSource s) =>
            new(s.SourceId, s.Name, s.SourceType, s.SignatureScheme, s.SigningSecret is not null, s.EventIdPath, s.EventTypePath, s.IsDefault, s.IsActive, s.CreatedAt)
            {
                PreviousSecretValidUntil = s.PreviousSigningSecret is null ? null : s.PreviousSecretExpiresAt,
            };
    }
}
