namespace AccountingIntegration.Features.Alerts;

/// <summary>What an alert is about (docs/alerts.md); each kind names who must act and what they do.</summary>
internal static class AlertKinds
{
    /// <summary>A payload ran out of attempts; an operator looks at the cause and replays it.</summary>
    public const string PayloadDead = "payload_dead";

    /// <summary>A payload failed for a reason the organization can fix (a mapping, a tax mapping, a missing reference).</summary>
    public const string PayloadFailed = "payload_failed";

    /// <summary>Intuit no longer accepts the connection; the organization reconnects with the link.</summary>
    public const string ReconnectNeeded = "reconnect_needed";

    /// <summary>The refresh token's hard expiry (at most five years after the connection) is near; reconnect before it.</summary>
    public const string RefreshExpiring = "refresh_expiring";

    /// <summary>The app's metered QBO reads this month near (or reached) Intuit's monthly budget; operators find who reads.</summary>
    public const string ReadBudget = "qbo_read_budget";

    public static readonly IReadOnlyList<string> All = [PayloadDead, PayloadFailed, ReconnectNeeded, RefreshExpiring, ReadBudget];
}
