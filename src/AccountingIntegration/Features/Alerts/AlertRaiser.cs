using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Infrastructure.Telemetry;

namespace AccountingIntegration.Features.Alerts;

/// <summary>
/// Raises an alert: records it once per cause and window, with a pending delivery to each destination set (the
/// operators' URL and addresses, the organization's own URL and addresses), then wakes the delivery worker. A repeat
/// only counts.
/// </summary>
internal sealed partial class AlertRaiser(
    AlertStore store, AlertDestinationStore destinations, AlertEmailRecipientStore recipients, AlertOptions options, AlertEmailOptions email,
    SecretProtector secrets, AlertSignal signal, ServiceMetrics metrics, ILogger<AlertRaiser> logger)
{
    /// <summary>The new alert, or null when the cause's window was open and only its count went up.</summary>
    public async Task<Alert?> RaiseAsync(NewAlert alert, CancellationToken cancellationToken, TimeSpan? window = null)
    {
        string? link = null;
        if (alert.LinkFactory is not null && !await store.IsWindowOpenAsync(alert.DedupeKey, cancellationToken))
        {
            // Made before the write transaction (on SQLite it holds the only write lock); should a concurrent raise open
            // the window first, this link is simply never sent and expires unused.
            link = secrets.Protect((await alert.LinkFactory(cancellationToken)).ToString(), LinkContext(alert.DedupeKey));
        }

        var targets = new List<(string, string)>();
        if (options.OperatorUrl is not null)
        {
            targets.Add((AlertDestinations.Operator, options.OperatorUrl.ToString()));
        }

        if (email.SendsToOperators)
        {
            targets.Add((AlertDestinations.Email, AlertMailer.MailTo(email.To)));
        }

        if (alert.OrganizationId is not null && await destinations.GetAsync(alert.OrganizationId, cancellationToken) is { } own)
        {
            targets.Add((AlertDestinations.Organization, own.Url));
        }

        if (alert.OrganizationId is not null && email.CanSend && await recipients.GetAsync(alert.OrganizationId, cancellationToken) is { } mail)
        {
            targets.Add((AlertDestinations.OrganizationEmail, AlertMailer.MailTo(mail.List)));
        }

        var raised = await store.RaiseAsync(alert, link, targets, window ?? options.DedupeWindow, cancellationToken);
        if (raised is not null)
        {
            LogRaised(logger, alert.Kind, raised.AlertId, targets.Count);
            metrics.AlertRaised(alert.Kind);
            signal.Notify();
        }

        return raised;
    }

    /// <summary>The link's ciphertext is bound to its cause, so it cannot be moved to another alert's row.</summary>
    public static string LinkContext(string dedupeKey) => "alert-link:" + dedupeKey;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {Kind} raised as {AlertId} for {Destinations} destinations")]
    private static partial void LogRaised(ILogger logger, string kind, string alertId, int destinations);
}
