namespace AccountingIntegration.Features.Admin;

/// <summary>
/// An operator of the service. The e-mail is stored trimmed and lower-cased, which makes the
/// unique key case-insensitive on both databases. A new <see cref="SecurityStamp"/> invalidates
/// every token issued under the old one.
/// </summary>
internal sealed record AdminUser
{
    public required string UserId { get; init; }

    public required string Email { get; init; }

    public required string PasswordHash { get; init; }

    public required string Role { get; init; }

    public bool IsActive { get; init; } = true;

    public int FailedLogins { get; init; }

    public DateTime? LockedUntil { get; init; }

    public DateTime? LastLoginAt { get; init; }

    public required string SecurityStamp { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }
}
