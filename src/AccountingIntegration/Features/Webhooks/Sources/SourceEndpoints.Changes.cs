using System.Buffers.Text;
using System.Security.Cryptography;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Tenancy;
using AccountingIntegration.Features.Tiers;
using AccountingIntegration.Features.Webhooks.Ingest;
using AccountingIntegration.Features.Webhooks.Signatures;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Mapping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Caching.Memory;

namespace AccountingIntegration.Features.Webhooks.Sources;

/// <summary>
/// <c>PATCH /api/v1/webhook/{slug}/sources/{sourceId}</c> (edit, deactivate, reactivate) and
/// <c>POST …/{sourceId}/rotate-secret</c>: a new signing secret, the old one still verifying for an overlap window.
/// </summary>
internal static partial class SourceEndpoints
{
    public const int DefaultOverlapHours = 24;
    public const int MaxOverlapHours = 7 * 24;

    internal static async Task<Ok<ApiResponse<SourceView>>> UpdateAsync(
        string sourceId, UpdateSourceRequest request, TenantContext tenant, HttpContext http, WebhookStore webhooks, SecretProtector secrets,
        AuditTrail audit, PlanTierOptions tiers, IMemoryCache cache, CancellationToken cancellationToken)
    {
        string? generated = null;
        string? plainSecret = null;
        var change = await webhooks.ChangeSourceAsync(tenant.OrganizationId, sourceId, async source =>
        {
            // Made against the source as it is now, again if someone else changed it meanwhile.
            Check(request, source);
            if (request.IsActive == true && !source.IsActive)
            {
                // Reactivating takes a place of the plan's sources, as creating one does.
                await SourceQuota.EnsureRoomAsync(tenant, webhooks, tiers, cancellationToken);
            }

            var scheme = request.SignatureScheme ?? source.SignatureScheme;
            generated = SignatureSchemes.SecretMayBeGenerated(scheme) && source.SigningSecret is null && string.IsNullOrEmpty(request.SigningSecret) ? NewSecret() : null;
            plainSecret = string.IsNullOrEmpty(request.SigningSecret) ? generated : request.SigningSecret;
            return source with
            {
                Name = request.Name?.Trim() ?? source.Name,
                SignatureScheme = scheme,
                SigningSecret = plainSecret is null ? source.SigningSecret : secrets.Protect(plainSecret, WebhookAuthentication.SigningSecretContext(tenant.OrganizationId, sourceId)),
                // An empty path clears it: the sender's own ids (or none) are used again.
                EventIdPath = request.EventIdPath is null ? source.EventIdPath : NullIfEmpty(request.EventIdPath),
                EventTypePath = request.EventTypePath is null ? source.EventTypePath : NullIfEmpty(request.EventTypePath),
                IsDefault = request.IsDefault ?? source.IsDefault,
                IsActive = request.IsActive ?? source.IsActive,
            };
        }, cancellationToken, (transaction, written) =>
            // Written with the change: the source never changes without its entry, nor the entry without the change.
            audit.RecordAsync(transaction, tenant.AuditActor(http), Updated(written, plainSecret is not null), cancellationToken)) ?? throw IngestErrors.SourceNotFound();
        WebhookAuthentication.Forget(cache, tenant.OrganizationId, sourceId);
        return TypedResults.Ok(ApiResponse.Of(SourceView.From(change.After) with { GeneratedSigningSecret = generated }));
    }

    /// <summary>The audit entry of a source's change: deactivated, reactivated or updated, with the fields it changed.</summary>
    private static AuditAction Updated(SourceChange change, bool secretSet) =>
        new("webhook_source", (change.Before.IsActive, change.After.IsActive) switch
        {
            (true, false) => "webhook_source.deactivated",
            (false, true) => "webhook_source.reactivated",
            _ => "webhook_source.updated",
        })
        {
            OrganizationId = change.After.OrganizationId,
            TargetType = "webhook_source",
            TargetId = change.After.SourceId,
            Details = new()
            {
                ["fields"] = string.Join(",", ChangedFields(change.Before, change.After, secretSet)),
                ["signatureScheme"] = change.After.SignatureScheme,
            },
        };

    /// <summary>The audit entry of a secret rotation: how long the previous secret keeps working, and whether the new one was generated.</summary>
    private static AuditAction Rotated(WebhookSource rotated, int overlapHours, bool generated) =>
        new("webhook_source", "webhook_source.secret_rotated")
        {
            OrganizationId = rotated.OrganizationId,
            TargetType = "webhook_source",
            TargetId = rotated.SourceId,
            Details = new()
            {
                ["overlapHours"] = overlapHours.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["previousSecretValidUntil"] = rotated.PreviousSecretExpiresAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "none",
                ["generated"] = generated ? "true" : "false",
            },
        };

    /// <summary>Refuses a change the source as it is cannot take, naming each field.</summary>
    private static void Check(UpdateSourceRequest request, WebhookSource source)
    {
        var scheme = request.SignatureScheme ?? source.SignatureScheme;
        var errors = new Dictionary<string, string[]>();
        if (request.Name is not null && (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200))
        {
            errors["name"] = ["is required, at most 200 characters"];
        }

        if (!SignatureSchemes.IsKnown(scheme))
        {
            errors["signatureScheme"] = ["must be one of " + string.Join(", ", SignatureSchemes.All)];
        }
        else if (!string.IsNullOrEmpty(request.SigningSecret) && source.SigningSecret is not null)
        {
            errors["signingSecret"] = ["the source has a secret already: rotate it (POST …/rotate-secret) to replace it"];
        }
        else if (scheme != SignatureSchemes.None && source.SigningSecret is null)
        {
            CheckSecret(scheme, request.SigningSecret, errors);
        }

        if (request.EventIdPath is { Length: > 200 })
        {
            errors["eventIdPath"] = ["at most 200 characters"];
        }

        if (request.EventTypePath is { Length: > 0 } path && (path.Length > 200 || !JsonLookup.IsSingleValuePath(path)))
        {
            errors["eventTypePath"] = ["must be a JSON path of at most 200 characters (e.g. event or data.type)"];
        }

        if (errors.Count > 0)
        {
            throw ApiException.Validation(errors);
        }
    }

    internal static async Task<Ok<ApiResponse<RotatedSecretView>>> RotateSecretAsync(
        string sourceId, RotateSecretRequest request, TenantContext tenant, HttpContext http, WebhookStore webhooks, SecretProtector secrets,
        AuditTrail audit, IMemoryCache cache, CancellationToken cancellationToken)
    {
        var source = await webhooks.GetSourceAsync(tenant.OrganizationId, sourceId, cancellationToken) ?? throw IngestErrors.SourceNotFound();
        var errors = new Dictionary<string, string[]>();
        var overlapHours = request.OverlapHours ?? DefaultOverlapHours;
        if (overlapHours is < 0 or > MaxOverlapHours)
        {
            errors["overlapHours"] = [$"must be between 0 (the old secret stops at once) and {MaxOverlapHours} (7 days)"];
        }

        if (source.SignatureScheme == SignatureSchemes.None)
        {
            errors["signatureScheme"] = ["the source checks no signature (none): choose a signature scheme first"];
        }
        else
        {
            CheckSecret(source.SignatureScheme, request.SigningSecret, errors);
        }

        if (errors.Count > 0)
        {
            throw ApiException.Validation(errors);
        }

        var generated = string.IsNullOrEmpty(request.SigningSecret);
        var plain = generated ? NewSecret() : request.SigningSecret!;
        var encrypted = secrets.Protect(plain, WebhookAuthentication.SigningSecretContext(tenant.OrganizationId, sourceId));
        var rotated = await webhooks.RotateSigningSecretAsync(tenant.OrganizationId, sourceId, encrypted, TimeSpan.FromHours(overlapHours), cancellationToken,
                          (transaction, written) => audit.RecordAsync(transaction, tenant.AuditActor(http), Rotated(written.After, overlapHours, generated),
                              cancellationToken))
                      ?? throw IngestErrors.SourceNotFound();
        WebhookAuthentication.Forget(cache, tenant.OrganizationId, sourceId);
        return TypedResults.Ok(ApiResponse.Of(new RotatedSecretView(SourceView.From(rotated), plain, rotated.PreviousSecretExpiresAt)));
    }

    /// <summary>
    /// A secret for a signature scheme: at least 8 characters. Only a scheme whose secret the sender lets you choose may
    /// leave it out (one is generated); other vendors issue theirs in their dashboards.
    /// </summary>
    private static void CheckSecret(string scheme, string? secret, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(secret) ? !SignatureSchemes.SecretMayBeGenerated(scheme) : secret.Length < 8)
        {
            errors["signingSecret"] = [scheme switch
            {
                _ when SignatureSchemes.SecretMayBeGenerated(scheme) => "must be at least 8 characters (or left out: one is generated)",
                SignatureSchemes.PayPal => "is required for the paypal scheme: paste the Webhook ID PayPal shows for this webhook (PayPal signs with its own certificate; the id ties a delivery to your webhook)",
                _ => "is required for a signature scheme (at least 8 characters): paste the signing secret the sender's dashboard shows",
            }];
        }
    }

    /// <summary>A new secret for a scheme that takes any (ours, WooCommerce's): 32 random bytes, base64url (safe in a shell and a header).</summary>
    internal static string NewSecret() => "aisec_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static string? NullIfEmpty(string value) => value.Trim().Length == 0 ? null : value.Trim();

    private static IEnumerable<string> ChangedFields(WebhookSource before, WebhookSource after, bool secretSet)
    {
        if (before.Name != after.Name)
        {
            yield return "name";
        }

        if (before.SignatureScheme != after.SignatureScheme)
        {
            yield return "signatureScheme";
        }

        if (secretSet)
        {
            yield return "signingSecret";
        }

        if (before.EventIdPath != after.EventIdPath)
        {
            yield return "eventIdPath";
        }

        if (before.EventTypePath != after.EventTypePath)
        {
            yield return "eventTypePath";
        }

        if (before.IsDefault != after.IsDefault)
        {
            yield return "isDefault";
        }

        if (before.IsActive != after.IsActive)
        {
            yield return "isActive";
        }
    }

    /// <summary>What to change; every member optional (absent: unchanged). An empty path clears it.</summary>
    internal sealed record UpdateSourceRequest(string? Name, string? SignatureScheme, string? SigningSecret, string? EventIdPath, string? EventTypePath,
        bool? IsDefault, bool? IsActive);

    /// <summary>The new secret (the sender's, pasted, or left out for our own scheme: generated) and the old one's overlap in hours (default 24, at most 168).</summary>
    internal sealed record RotateSecretRequest(string? SigningSecret, int? OverlapHours);

    /// <summary>The source after rotation, the new secret (shown this once) and until when the old one still verifies.</summary>
    internal sealed record RotatedSecretView(SourceView Source, string SigningSecret, DateTime? PreviousSecretValidUntil);
}
