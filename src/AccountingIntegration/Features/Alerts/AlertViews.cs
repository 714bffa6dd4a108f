using System.Text.Json.Nodes;

namespace AccountingIntegration.Features.Alerts;

/// <summary>An alert as lists show it: never its reconnect link (a credential), only whether it carries one.</summary>
internal sealed record AlertView(
    string AlertId, string? OrganizationId, string Kind, string Subject, JsonNode? Details, int Occurrences, bool HasReconnectLink,
    DateTime CreatedAt, DateTime LastSeenAt, IReadOnlyList<AlertDeliveryView> Deliveries)
{
    public static AlertView From((Alert Alert, IReadOnlyList<AlertDelivery> Deliveries) row) => new(
        row.Alert.AlertId, row.Alert.OrganizationId, row.Alert.Kind, row.Alert.Subject, JsonNode.Parse(row.Alert.Details), row.Alert.Occurrences,
        row.Alert.LinkProtected is not null, row.Alert.CreatedAt, row.Alert.LastSeenAt, [.. row.Deliveries.Select(AlertDeliveryView.From)]);
}

/// <summary>One destination's delivery: where it stands, how many attempts, the last error. The URL is left out: it may carry a token.</summary>
internal sealed record AlertDeliveryView(string Destination, string State, int Attempts, DateTime? NextAttemptAt, string? LastError, DateTime? SentAt)
{
    public static AlertDeliveryView From(AlertDelivery d) =>
        new(d.Destination, d.State, d.Attempts, d.State == AlertStates.Pending ? d.NextAttemptAt : null, d.LastError, d.SentAt);
}

/// <summary>An organization's alert receiver as operators see it: the URL and whether a secret is set, never the secret.</summary>
internal sealed record AlertDestinationView(string OrganizationId, string Url, bool HasSecret, DateTime UpdatedAt)
{
    public static AlertDestinationView From(AlertDestination d) => new(d.OrganizationId, d.Url, true, d.UpdatedAt);
}

/// <summary>The body of <c>PUT /api/admin/organizations/{id}/alert-destination</c>: the secret is write-only.</summary>
internal sealed record AlertDestinationRequest(string? Url, string? Secret);

/// <summary>An organization's alert e-mail addresses, and whether this service can send mail at all (SMTP_HOST).</summary>
internal sealed record AlertEmailView(string OrganizationId, IReadOnlyList<string> Addresses, bool SmtpConfigured, DateTime UpdatedAt)
{
    public static AlertEmailView From(AlertEmailRecipients r, AlertEmailOptions email) => new(r.OrganizationId, r.List, email.CanSend, r.UpdatedAt);
}

/// <summary>The body of <c>PUT /api/admin/organizations/{id}/alert-email</c>.</summary>
internal sealed record AlertEmailRequest(IReadOnlyList<string?>? Addresses);
