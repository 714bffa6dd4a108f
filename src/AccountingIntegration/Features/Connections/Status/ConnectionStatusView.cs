namespace AccountingIntegration.Features.Connections.Status;

/// <summary>What an organization sees about its QBO connection.</summary>
internal sealed record ConnectionStatusView(
    string Organization,
    string Name,
    string PlanTier,
    bool Connected,
    string Status,
    bool ReconnectRequired,
    string? RealmId,
    string? CompanyName,
    DateTime? AccessTokenExpiresAt,
    DateTime? RefreshTokenExpiresAt,
    DateTime? ConnectedAt,
    string? LastError);

/// <summary>The live check: can we reach the company with the stored tokens right now?</summary>
internal sealed record ConnectionHealthView(bool Healthy, string Status, string? RealmId, string? CompanyName, int LatencyMs, string? Reason);

internal sealed record DisconnectResult(bool Disconnected, string RealmId, bool RevokedAtIntuit);
