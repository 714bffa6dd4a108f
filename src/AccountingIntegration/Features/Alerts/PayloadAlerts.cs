using System.Text.Json.Nodes;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Sync.References;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Processing;

namespace AccountingIntegration.Features.Alerts;

/// <summary>
/// Alerts on payload outcomes: every dead payload, and a failed one when the organization can fix the cause. The
/// dedupe key is the organization and the outcome code, so an outage is one alert per organization and cause.
/// </summary>
internal sealed class PayloadAlerts(AlertRaiser alerts, OrganizationDirectory organizations) : IPayloadSettledHandler
{
    /// <summary>Failures the organization fixes in its own settings (a mapping, a tax mapping, a QBO customer or item to create).</summary>
    public static readonly IReadOnlySet<string> FixableCodes = new HashSet<string>(StringComparer.Ordinal)
    {
        OutcomeCodes.MappingError, OutcomeCodes.BookingRefused, ReferenceNotFoundException.ErrorCode,
    };

    public async Task HandleAsync(PayloadSettled settled, CancellationToken cancellationToken)
    {
        var kind = settled.Status switch
        {
            PayloadStatus.Dead => AlertKinds.PayloadDead,
            PayloadStatus.Failed when settled.Code is not null && FixableCodes.Contains(settled.Code) => AlertKinds.PayloadFailed,
            _ => null,
        };
        if (kind is null)
        {
            return;
        }

        var code = settled.Code ?? OutcomeCodes.InternalError;
        var slug = (await organizations.GetByIdAsync(settled.OrganizationId, cancellationToken))?.Slug;
        var subject = kind == AlertKinds.PayloadDead
            ? $"Payloads of {slug ?? settled.OrganizationId} are dead ({code}): they ran out of attempts"
            : $"Payloads of {slug ?? settled.OrganizationId} fail ({code}): the organization's settings must change";
        await alerts.RaiseAsync(new NewAlert(kind, settled.OrganizationId, $"{kind}:{settled.OrganizationId}:{code}", subject, new JsonObject
        {
            ["organizationSlug"] = slug,
            ["code"] = code,
            ["firstPayloadId"] = settled.PayloadId,
        }), cancellationToken);
    }
}
