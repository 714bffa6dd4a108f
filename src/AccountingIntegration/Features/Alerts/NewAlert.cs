using System.Text.Json.Nodes;

namespace AccountingIntegration.Features.Alerts;

/// <summary>
/// An alert to raise. Alerts with the same <see cref="DedupeKey"/> inside one window become one alert that counts them
/// (<c>payload_dead:{org}:{code}</c>: an outage of a thousand dead payloads is one alert per organization and cause).
/// </summary>
internal sealed record NewAlert(string Kind, string? OrganizationId, string DedupeKey, string Subject, JsonObject Details)
{
    /// <summary>
    /// Makes a credential to send with the alert (a reconnect link), only when the alert is new: a repeat inside the
    /// window must not mint another. It is stored encrypted and never listed.
    /// </summary>
    public Func<CancellationToken, Task<Uri>>? LinkFactory { get; init; }
}
