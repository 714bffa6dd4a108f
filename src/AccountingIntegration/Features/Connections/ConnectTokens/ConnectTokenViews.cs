namespace AccountingIntegration.Features.Connections.ConnectTokens;

internal sealed record CreateConnectTokenRequest(int? ExpiresInDays);

/// <summary>A connect token as listed: its state, never the token or its hash.</summary>
internal sealed record ConnectTokenView(
    string TokenId, string OrganizationId, string Status, DateTime CreatedAt, DateTime ExpiresAt, DateTime? UsedAt, string? CreatedBy)
{
    public static ConnectTokenView From(ConnectToken t, DateTime now) => new(t.TokenId, t.OrganizationId, StatusOf(t, now), t.CreatedAt, t.ExpiresAt, t.UsedAt, t.CreatedBy);

    /// <summary>A redeemed token reads "used" even when later revoked: what happened first matters to an operator.</summary>
    private static string StatusOf(ConnectToken t, DateTime now) =>
        t.UsedAt is not null ? "used" : !t.IsActive ? "revoked" : t.ExpiresAt <= now ? "expired" : "active";
}

/// <summary>The creation answer: the only time the token and its link leave the service.</summary>
internal sealed record CreatedConnectTokenView(string Token, Uri ConnectUrl, ConnectTokenView ConnectToken);
