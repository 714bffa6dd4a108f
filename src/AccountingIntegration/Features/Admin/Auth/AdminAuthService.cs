using System.Text.Json.Nodes;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Security;

namespace AccountingIntegration.Features.Admin.Auth;

/// <summary>
/// Operator sign-in (SPEC §8): a slow hash, lockout after repeated failures, the same answer for an
/// unknown e-mail, a locked account and a wrong password; logout and password change rotate the
/// user's security stamp, which every token carries, so earlier tokens stop working at once.
/// </summary>
internal sealed class AdminAuthService(
    AdminUserStore users, PasswordHasher hasher, AdminTokenIssuer tokens, AdminOptions options, AuditTrail audit, TimeProvider time)
{
    public const string InvalidCredentials = "INVALID_CREDENTIALS";

    public async Task<AdminSession> LoginAsync(string? email, string? password, string? ip, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.GetByEmailAsync(email, cancellationToken);
        if (user is null)
        {
            hasher.VerifyAgainstNothing(password ?? string.Empty);
            await AuditAsync(null, "auth.login_failed", new JsonObject { ["reason"] = "unknown_email" }, ip, cancellationToken);
            throw Refused();
        }

        var passwordMatches = hasher.Verify(password ?? string.Empty, user.PasswordHash);
        if (!user.IsActive || user.LockedUntil > now || !passwordMatches)
        {
            var reason = !user.IsActive ? "inactive" : user.LockedUntil > now ? "locked" : "wrong_password";
            if (reason == "wrong_password")
            {
                await users.RecordFailedLoginAsync(user.UserId, now + options.LockoutDuration, options.LockoutThreshold, cancellationToken);
            }

            await AuditAsync(user.UserId, "auth.login_failed", new JsonObject { ["reason"] = reason }, ip, cancellationToken);
            throw Refused();
        }

        await users.RecordSuccessfulLoginAsync(user.UserId, now, cancellationToken);
        if (PasswordHasher.NeedsRehash(user.PasswordHash))
        {
            // Same security stamp: upgrading the hash must not end the user's other sessions.
            await users.UpdatePasswordAsync(user.UserId, hasher.Hash(password!), user.SecurityStamp, cancellationToken);
        }

        await AuditAsync(user.UserId, "auth.login", null, ip, cancellationToken);
        var (token, jti, expiresAt) = tokens.Issue(user.UserId, user.Email, user.Role, user.SecurityStamp);
        return new AdminSession(token, expiresAt, jti, user.UserId, user.Email, user.Role);
    }

    public async Task LogoutAsync(string userId, string? ip, CancellationToken cancellationToken)
    {
        var user = await users.GetByIdAsync(userId, cancellationToken) ?? throw Refused();
        await users.UpdatePasswordAsync(userId, user.PasswordHash, Guid.NewGuid().ToString(), cancellationToken,
            transaction => audit.RecordAsync(transaction, Actor(userId, ip), Audited(userId, "auth.logout", null), cancellationToken));
    }

    public async Task<AdminSession> ChangePasswordAsync(string userId, string? currentPassword, string? newPassword, string? ip, CancellationToken cancellationToken)
    {
        var user = await users.GetByIdAsync(userId, cancellationToken) ?? throw Refused();
        if (!hasher.Verify(currentPassword ?? string.Empty, user.PasswordHash))
        {
            throw ApiException.Validation(new Dictionary<string, string[]> { ["currentPassword"] = ["is not the current password"] });
        }

        var problems = hasher.CheckPolicy(newPassword);
        if (problems.Count > 0 || newPassword == currentPassword)
        {
            throw ApiException.Validation(new Dictionary<string, string[]>
            {
                ["newPassword"] = problems.Count > 0 ? [.. problems] : ["must differ from the current password"],
            });
        }

        var stamp = Guid.NewGuid().ToString();
        await users.UpdatePasswordAsync(userId, hasher.Hash(newPassword!), stamp, cancellationToken,
            transaction => audit.RecordAsync(transaction, Actor(userId, ip), Audited(userId, "auth.password_changed", null), cancellationToken));
        var (token, jti, expiresAt) = tokens.Issue(user.UserId, user.Email, user.Role, stamp);
        return new AdminSession(token, expiresAt, jti, user.UserId, user.Email, user.Role);
    }

    private static ApiException Refused() =>
        new(StatusCodes.Status401Unauthorized, InvalidCredentials, "The e-mail or password is wrong, or the account is locked.");

    private Task AuditAsync(string? userId, string action, JsonObject? details, string? ip, CancellationToken cancellationToken) =>
        audit.RecordAsync(Actor(userId, ip), Audited(userId, action, details), cancellationToken);

    private static AuditActor Actor(string? userId, string? ip) => new("admin", userId, ip);

    private static AuditAction Audited(string? userId, string action, JsonObject? details) =>
        new("auth", action) { TargetType = "admin_user", TargetId = userId, Details = details };
}

/// <summary>A signed-in operator's token.</summary>
internal sealed record AdminSession(string Token, DateTime ExpiresAt, string Jti, string UserId, string Email, string Role);
