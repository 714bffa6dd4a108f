namespace QboSandbox.OAuth;

/// <summary>A single-use authorization code bound to its client, redirect URI and company.</summary>
internal sealed record AuthorizationCode(string ClientId, string RedirectUri, string RealmId, string Scope, DateTimeOffset ExpiresAt);

/// <summary>An authorize request waiting on the consent page, keyed by an unguessable ticket.</summary>
internal sealed record PendingConsent(string ClientId, string RedirectUri, string Scope, string? State, DateTimeOffset ExpiresAt);

/// <summary>
/// One connection (client × realm): the refresh token family and its access tokens. Rotation replaces
/// <see cref="RefreshToken"/>; the previous value is kept only for <see cref="SandboxOptions.RotatedRefreshTokenGrace"/>.
/// </summary>
internal sealed class Grant(string clientId, string realmId, string scope)
{
    public string ClientId { get; } = clientId;

    public string RealmId { get; } = realmId;

    public string Scope { get; } = scope;

    public required string RefreshToken { get; set; }

    public DateTimeOffset RefreshIssuedAt { get; set; }

    public DateTimeOffset RefreshExpiresAt { get; set; }

    public DateTimeOffset HardExpiresAt { get; init; }

    public string? PreviousRefreshToken { get; set; }

    public DateTimeOffset PreviousRefreshExpiresAt { get; set; }

    public bool Revoked { get; set; }

    public int Rotations { get; set; }

    public List<AccessToken> AccessTokens { get; } = [];
}

internal sealed class AccessToken(string value, Grant grant, DateTimeOffset expiresAt)
{
    public string Value { get; } = value;

    public Grant Grant { get; } = grant;

    public DateTimeOffset ExpiresAt { get; set; } = expiresAt;

    public bool IsValid(DateTimeOffset now) => !Grant.Revoked && now < ExpiresAt;
}

/// <summary>What the token endpoint returns on success (REFERENCE §1.6).</summary>
internal sealed record IssuedTokens(
    string AccessToken, long ExpiresIn, string RefreshToken, long RefreshExpiresIn, long RefreshHardExpiresIn, string RealmId)
{
    /// <summary>Only on the code exchange, and only with the openid scope.</summary>
    public string? IdToken { get; init; }
}

/// <summary>Either tokens or an OAuth error name (invalid_grant, ...).</summary>
internal sealed record TokenOutcome(IssuedTokens? Tokens, string? Error)
{
    public static TokenOutcome Fail(string error) => new(null, error);
}
