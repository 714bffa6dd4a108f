namespace QboSandbox.OAuth;

/// <summary>Connections as the state file keeps them: grants with their refresh and access token values.</summary>
internal sealed partial class OAuthStore
{
    public IReadOnlyList<SavedGrant> Export()
    {
        lock (_gate)
        {
            return [.. _grants.Select(g => new SavedGrant(
                g.ClientId, g.RealmId, g.Scope, g.RefreshToken, g.RefreshIssuedAt, g.RefreshExpiresAt, g.HardExpiresAt,
                g.PreviousRefreshToken, g.PreviousRefreshExpiresAt, g.Revoked, g.Rotations,
                [.. g.AccessTokens.Select(t => new SavedAccessToken(t.Value, t.ExpiresAt))]))];
        }
    }

    public void Import(IEnumerable<SavedGrant> saved)
    {
        lock (_gate)
        {
            foreach (var s in saved)
            {
                var grant = new Grant(s.ClientId, s.RealmId, s.Scope)
                {
                    RefreshToken = s.RefreshToken,
                    RefreshIssuedAt = s.RefreshIssuedAt,
                    RefreshExpiresAt = s.RefreshExpiresAt,
                    HardExpiresAt = s.HardExpiresAt,
                    PreviousRefreshToken = s.PreviousRefreshToken,
                    PreviousRefreshExpiresAt = s.PreviousRefreshExpiresAt,
                    Revoked = s.Revoked,
                    Rotations = s.Rotations,
                };
                _grants.Add(grant);
                if (!grant.Revoked)
                {
                    _grantsByRefresh[grant.RefreshToken] = grant;
                    if (grant.PreviousRefreshToken is not null)
                    {
                        _grantsByRefresh[grant.PreviousRefreshToken] = grant;
                    }
                }

                foreach (var t in s.AccessTokens)
                {
                    var token = new AccessToken(t.Value, grant, t.ExpiresAt);
                    grant.AccessTokens.Add(token);
                    _accessTokens[token.Value] = token;
                }
            }
        }
    }
}

public sealed record SavedGrant(
    string ClientId, string RealmId, string Scope, string RefreshToken, DateTimeOffset RefreshIssuedAt, DateTimeOffset RefreshExpiresAt,
    DateTimeOffset HardExpiresAt, string? PreviousRefreshToken, DateTimeOffset PreviousRefreshExpiresAt, bool Revoked, int Rotations,
    IReadOnlyList<SavedAccessToken> AccessTokens);

public sealed record SavedAccessToken(string Value, DateTimeOffset ExpiresAt);
