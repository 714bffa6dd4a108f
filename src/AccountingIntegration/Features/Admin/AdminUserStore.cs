using AccountingIntegration.Infrastructure.Data;
using Dapper;

namespace AccountingIntegration.Features.Admin;

/// <summary>Admin accounts: lookup by e-mail, lockout bookkeeping, password and stamp changes.</summary>
internal sealed class AdminUserStore(Database database, TimeProvider time)
{
    private const string Columns =
        "user_id, email, password_hash, role, is_active, failed_logins, locked_until, last_login_at, security_stamp, created_at, updated_at";

    /// <summary>
    /// Creates an operator's account, with what <paramref name="alongside"/> writes (its audit entry) in the same
    /// transaction; an e-mail already used, in any letter case, throws <see cref="DuplicateKeyException"/>.
    /// </summary>
    public async Task<AdminUser> CreateAsync(string email, string passwordHash, string role, CancellationToken cancellationToken,
        Func<DatabaseTransaction, AdminUser, Task>? alongside = null)
    {
        const string sql = $"""
            INSERT INTO admin_users ({Columns})
            VALUES (@UserId, @Email, @PasswordHash, @Role, @IsActive, @FailedLogins, @LockedUntil, @LastLoginAt, @SecurityStamp, @CreatedAt, @UpdatedAt)
            """;
        var now = time.GetUtcNow().UtcDateTime;
        var user = new AdminUser
        {
            UserId = Ids.New(time),
            Email = NormalizeEmail(email),
            PasswordHash = passwordHash,
            Role = role,
            SecurityStamp = Guid.NewGuid().ToString(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await database.ExecuteAsync(sql, user, alongside, cancellationToken);
        return user;
    }

    public Task<AdminUser?> GetByEmailAsync(string email, CancellationToken cancellationToken) =>
        database.QuerySingleOrDefaultAsync<AdminUser>(
            $"SELECT {Columns} FROM admin_users WHERE email = @Email", new { Email = NormalizeEmail(email) }, cancellationToken);

    public Task<AdminUser?> GetByIdAsync(string userId, CancellationToken cancellationToken) =>
        database.QuerySingleOrDefaultAsync<AdminUser>(
            $"SELECT {Columns} FROM admin_users WHERE user_id = @UserId", new { UserId = userId }, cancellationToken);

    public async Task<Page<AdminUser>> ListAsync(PageRequest page, CancellationToken cancellationToken)
    {
        var rows = await database.QueryListAsync<AdminUser>(
            $"SELECT {Columns} FROM admin_users ORDER BY email {database.Dialect.Paging}", new { page.Limit, page.Offset }, cancellationToken);
        var total = await database.QuerySingleOrDefaultAsync<long>("SELECT COUNT(*) FROM admin_users", null, cancellationToken);
        return new Page<AdminUser>(rows, total, page);
    }

    /// <summary>
    /// Counts a failed login atomically and, when the count reaches <paramref name="threshold"/>,
    /// locks the account until <paramref name="lockUntilIfThresholdReached"/>. Returns the account
    /// afterwards (null for an unknown id) so the caller sees the count and lock it produced.
    /// </summary>
    public async Task<AdminUser?> RecordFailedLoginAsync(
        string userId, DateTime? lockUntilIfThresholdReached, int threshold, CancellationToken cancellationToken)
    {
        // One UPDATE, so concurrent failures cannot lose counts. locked_until is assigned first on
        // purpose: MySQL evaluates SET left to right with already-updated values, SQLite with the
        // old ones; placed first, both compare the old count + 1.
        const string updateSql = """
            UPDATE admin_users
            SET locked_until = CASE WHEN failed_logins + 1 >= @Threshold THEN COALESCE(@LockUntil, locked_until) ELSE locked_until END,
                failed_logins = failed_logins + 1,
                updated_at = @Now
            WHERE user_id = @UserId
            """;
        var parameters = new { Threshold = threshold, LockUntil = lockUntilIfThresholdReached, Now = time.GetUtcNow().UtcDateTime, UserId = userId };

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await Database.BeginAsync(connection, cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(updateSql, parameters, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return null;
        }

        var user = await connection.QuerySingleAsync<AdminUser>(new CommandDefinition(
            $"SELECT {Columns} FROM admin_users WHERE user_id = @UserId", parameters, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return user;
    }

    /// <summary>Resets the failure count, lifts any lock and records the login time.</summary>
    public async Task<bool> RecordSuccessfulLoginAsync(string userId, DateTime now, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            "UPDATE admin_users SET failed_logins = 0, locked_until = NULL, last_login_at = @Now, updated_at = @Now WHERE user_id = @UserId",
            new { Now = now, UserId = userId }, cancellationToken) == 1;

    /// <summary>
    /// Sets a new password hash and security stamp together, so tokens issued before stop working; what
    /// <paramref name="alongside"/> writes (the change's audit entry) commits with them.
    /// </summary>
    public async Task<bool> UpdatePasswordAsync(string userId, string newPasswordHash, string newSecurityStamp, CancellationToken cancellationToken,
        Func<DatabaseTransaction, Task>? alongside = null) =>
        await database.ExecuteAsync(
            "UPDATE admin_users SET password_hash = @PasswordHash, security_stamp = @SecurityStamp, updated_at = @Now WHERE user_id = @UserId",
            new { PasswordHash = newPasswordHash, SecurityStamp = newSecurityStamp, Now = time.GetUtcNow().UtcDateTime, UserId = userId },
            alongside, cancellationToken) == 1;

    private static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
}
