namespace QboSandbox.OAuth;

/// <summary>
/// Codes, grants and tokens. One lock guards everything: token traffic is tiny next to API traffic,
/// and a single lock makes rotation and revocation atomic.
/// </summary>
internal sealed partial class OAuthStore(SandboxOptions options, TimeProvider time, IdTokenSigner signer)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, AuthorizationCode> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PendingConsent> _consents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Grant> _grantsByRefresh = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccessToken> _accessTokens = new(StringComparer.Ordinal);
    private readonly List<Grant> _grants = [];

    public string AddConsent(PendingConsent consent)
    {
        var ticket = TokenValues.Random(32);
        lock (_gate)
        {
            _consents[ticket] = consent;
        }

        return ticket;
    }

    public PendingConsent? TakeConsent(string ticket)
    {
        lock (_gate)
        {
            return _consents.Remove(ticket, out var consent) && consent.ExpiresAt > time.GetUtcNow() ? consent : null;
        }
    }

    public string IssueCode(string clientId, string redirectUri, string realmId, string scope)
    {
        var code = TokenValues.Code();
        var expires = time.GetUtcNow() + options.AuthorizationCodeLifetime;
        lock (_gate)
        {
            _codes[code] = new AuthorizationCode(clientId, redirectUri, realmId, scope, expires);
        }

        return code;
    }

    public TokenOutcome ExchangeCode(string clientId, string code, string redirectUri)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            // Single use: the code is removed whether or not the rest of the request is valid.
            if (!_codes.Remove(code, out var issued) || issued.ExpiresAt <= now
                || issued.ClientId != clientId || issued.RedirectUri != redirectUri)
            {
                return TokenOutcome.Fail(OAuthErrors.InvalidGrant);
            }

            var grant = new Grant(clientId, issued.RealmId, issued.Scope)
            {
                RefreshToken = TokenValues.RefreshToken(),
                RefreshIssuedAt = now,
                RefreshExpiresAt = now + options.RefreshTokenLifetime,
                HardExpiresAt = now + options.RefreshTokenHardLifetime,
            };
            _grants.Add(grant);
            _grantsByRefresh[grant.RefreshToken] = grant;
            var tokens = Issue(grant, now);
            if (grant.Scope.Split(' ').Contains("openid", StringComparer.Ordinal))
            {
                tokens = tokens with { IdToken = signer.Create(clientId, grant.RealmId, now, options.AccessTokenLifetime) };
            }

            return new TokenOutcome(tokens, null);
        }
    }

    public TokenOutcome Refresh(string clientId, string refreshToken)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_grantsByRefresh.TryGetValue(refreshToken, out var grant) || grant.Revoked || grant.ClientId != clientId)
            {
                return TokenOutcome.Fail(OAuthErrors.InvalidGrant);
            }

            var isPrevious = refreshToken == grant.PreviousRefreshToken;
            if ((isPrevious && grant.PreviousRefreshExpiresAt <= now)
                || grant.RefreshExpiresAt <= now || grant.HardExpiresAt <= now)
            {
                return TokenOutcome.Fail(OAuthErrors.InvalidGrant);
            }

            // The value changes at most once per rotation interval (oauth-jsclient#74); inside the
            // window the same value comes back with a shrinking x_refresh_token_expires_in.
            if (now - grant.RefreshIssuedAt >= options.RefreshTokenRotationInterval)
            {
                Rotate(grant, now);
            }

            return new TokenOutcome(Issue(grant, now), null);
        }
    }

    /// <summary>Revokes the whole connection that owns an access or refresh token; unknown tokens are ignored (RFC 7009).</summary>
    public bool Revoke(string clientId, string token)
    {
        lock (_gate)
        {
            var grant = _grantsByRefresh.GetValueOrDefault(token) ?? _accessTokens.GetValueOrDefault(token)?.Grant;
            if (grant is null || grant.ClientId != clientId)
            {
                return false;
            }

            RevokeGrant(grant);
            return true;
        }
    }

    public AccessToken? FindAccessToken(string value)
    {
        lock (_gate)
        {
            return _accessTokens.GetValueOrDefault(value);
        }
    }

    /// <summary>Control API: make access tokens (and optionally refresh tokens) of a realm, or all, expire now.</summary>
    public int Expire(string? realmId, bool refreshTokensToo)
    {
        var past = time.GetUtcNow().AddSeconds(-1);
        var count = 0;
        lock (_gate)
        {
            foreach (var grant in _grants.Where(g => realmId is null || g.RealmId == realmId))
            {
                foreach (var token in grant.AccessTokens.Where(t => t.ExpiresAt > past))
                {
                    token.ExpiresAt = past;
                    count++;
                }

                if (refreshTokensToo)
                {
                    grant.RefreshExpiresAt = past;
                    grant.PreviousRefreshExpiresAt = past;
                }
            }
        }

        return count;
    }

    public int RevokeAll(string? realmId)
    {
        lock (_gate)
        {
            var targets = _grants.Where(g => !g.Revoked && (realmId is null || g.RealmId == realmId)).ToList();
            targets.ForEach(RevokeGrant);
            return targets.Count;
        }
    }

    /// <summary>True while the client holds a connection to the realm that was not revoked (webhooks need one).</summary>
    public bool IsConnected(string clientId, string realmId)
    {
        lock (_gate)
        {
            return _grants.Exists(g => !g.Revoked && g.ClientId == clientId && g.RealmId == realmId);
        }
    }

    public IReadOnlyList<GrantSummary> Summaries()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            return [.. _grants.Select(g => new GrantSummary(
                g.ClientId, g.RealmId, g.Scope, g.Revoked, g.Rotations, g.RefreshExpiresAt,
                g.AccessTokens.Count(t => t.IsValid(now))))];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _codes.Clear();
            _consents.Clear();
            _grantsByRefresh.Clear();
            _accessTokens.Clear();
            _grants.Clear();
        }
    }

    private void Rotate(Grant grant, DateTimeOffset now)
    {
        if (grant.PreviousRefreshToken is not null)
        {
            _grantsByRefresh.Remove(grant.PreviousRefreshToken);
        }

        grant.PreviousRefreshToken = grant.RefreshToken;
        grant.PreviousRefreshExpiresAt = now + options.RotatedRefreshTokenGrace;
        if (options.RotatedRefreshTokenGrace <= TimeSpan.Zero)
        {
            _grantsByRefresh.Remove(grant.RefreshToken);
        }

        grant.RefreshToken = TokenValues.RefreshToken();
        grant.RefreshIssuedAt = now;
        grant.RefreshExpiresAt = now + options.RefreshTokenLifetime;
        grant.Rotations++;
        _grantsByRefresh[grant.RefreshToken] = grant;
    }

    private IssuedTokens Issue(Grant grant, DateTimeOffset now)
    {
        var access = new AccessToken(TokenValues.AccessToken(), grant, now + options.AccessTokenLifetime);
        grant.AccessTokens.RemoveAll(t => !t.IsValid(now) && _accessTokens.Remove(t.Value));
        grant.AccessTokens.Add(access);
        _accessTokens[access.Value] = access;
        return new IssuedTokens(
            access.Value,
            Seconds(options.AccessTokenLifetime),
            grant.RefreshToken,
            Seconds(grant.RefreshExpiresAt - now),
            Seconds(grant.HardExpiresAt - now),
            grant.RealmId);
    }

    private void RevokeGrant(Grant grant)
    {
        grant.Revoked = true;
        _grantsByRefresh.Remove(grant.RefreshToken);
        if (grant.PreviousRefreshToken is not null)
        {
            _grantsByRefresh.Remove(grant.PreviousRefreshToken);
        }
    }

    private static long Seconds(TimeSpan span) => (long)Math.Max(0, Math.Floor(span.TotalSeconds));
}

/// <summary>What the control API shows about a connection; never the token values.</summary>
public sealed record GrantSummary(
    string ClientId, string RealmId, string Scope, bool Revoked, int Rotations, DateTimeOffset RefreshExpiresAt, int ValidAccessTokens);
