using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace AccountingIntegration.Infrastructure.Security;

/// <summary>Signs admin JWTs (HS256 with JWT_SECRET): subject, e-mail, role, security stamp, a unique jti and an expiry.</summary>
internal sealed class AdminTokenIssuer(SecurityOptions security, AdminOptions admin, TimeProvider time)
{
    public const string Issuer = "accounting-integration";
    public const string Audience = "accounting-integration-admin";
    public const string SecurityStampClaim = "stamp";
    public const string RoleClaim = "role";

    public static SymmetricSecurityKey SigningKey(SecurityOptions security) => new(Encoding.UTF8.GetBytes(security.JwtSecret));

    /// <summary>The current key, then each retired one: while JWT_SECRET rotates, tokens signed before still verify.</summary>
    public static IEnumerable<SecurityKey> VerificationKeys(SecurityOptions security) =>
        [SigningKey(security), .. security.PreviousJwtSecrets.Select(s => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(s)))];

    public (string Token, string Jti, DateTime ExpiresAt) Issue(string userId, string email, string role, string securityStamp)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var expires = now + admin.TokenLifetime;
        var jti = Guid.NewGuid().ToString("N");
        var token = new JwtSecurityToken(
            Issuer,
            Audience,
            [
                new Claim(JwtRegisteredClaimNames.Sub, userId),
                new Claim(JwtRegisteredClaimNames.Email, email),
                new Claim(JwtRegisteredClaimNames.Jti, jti),
                new Claim(RoleClaim, role),
                new Claim(SecurityStampClaim, securityStamp),
            ],
            notBefore: now,
            expires: expires,
            signingCredentials: new SigningCredentials(SigningKey(security), SecurityAlgorithms.HmacSha256));
        return (new JwtSecurityTokenHandler().WriteToken(token), jti, expires);
    }
}
