using AccountingIntegration.Features.Admin;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Data;

public sealed class AdminUserStoreTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const string PasswordHash = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo";

    [Theory, BothDatabases]
    public async Task CreateAsync_ThenGetByEmailInAnyCase_RoundTripsEveryField(DatabaseKind kind)
    {
        var clock = TestClock.Create();
        var store = new AdminUserStore((await databases.GetAsync(kind)).Database, clock);
        var local = "Admin" + Guid.NewGuid().ToString("N")[..8];

        var created = await store.CreateAsync($"  {local}@Example.COM ", PasswordHash, "superadmin", default);
        var read = await store.GetByEmailAsync($"{local.ToUpperInvariant()}@example.com", default);

        Assert.Equal(created, read);
        Assert.Equal($"{local.ToLowerInvariant()}@example.com", read!.Email);
        Assert.Equal(PasswordHash, read.PasswordHash);
        Assert.Equal("superadmin", read.Role);
        Assert.True(read.IsActive);
        Assert.Equal(0, read.FailedLogins);
        Assert.Null(read.LockedUntil);
        Assert.Null(read.LastLoginAt);
        Assert.True(Guid.TryParse(read.SecurityStamp, out _));
        Assert.Equal(clock.GetUtcNow().UtcDateTime, read.CreatedAt);
        Assert.Equal(created, await store.GetByIdAsync(created.UserId, default));
    }

    [Theory, BothDatabases]
    public async Task CreateAsync_SameEmailDifferentCase_ThrowsDuplicateKey(DatabaseKind kind)
    {
        var store = new AdminUserStore((await databases.GetAsync(kind)).Database, TestClock.Create());
        var domain = Guid.NewGuid().ToString("N")[..8] + ".com";
        await store.CreateAsync($"Admin@{domain.ToUpperInvariant()}", PasswordHash, "admin", default);

        await Assert.ThrowsAsync<DuplicateKeyException>(() => store.CreateAsync($"admin@{domain}", PasswordHash, "admin", default));
    }

    [Theory, BothDatabases]
    public async Task RecordFailedLoginAsync_ReachingThreshold_LocksAndCountsEveryConcurrentFailure(DatabaseKind kind)
    {
        var clock = TestClock.Create();
        var store = new AdminUserStore((await databases.GetAsync(kind)).Database, clock);
        var user = await store.CreateAsync(UniqueEmail(), PasswordHash, "admin", default);
        var lockUntil = clock.GetUtcNow().UtcDateTime.AddMinutes(15);

        var afterOne = await store.RecordFailedLoginAsync(user.UserId, lockUntil, 5, default);
        Assert.Equal(1, afterOne!.FailedLogins);
        Assert.Null(afterOne.LockedUntil);

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => store.RecordFailedLoginAsync(user.UserId, lockUntil, 5, default))));
        var afterFour = await store.GetByIdAsync(user.UserId, default);
        Assert.Equal(4, afterFour!.FailedLogins);
        Assert.Null(afterFour.LockedUntil);

        var afterFive = await store.RecordFailedLoginAsync(user.UserId, lockUntil, 5, default);
        Assert.Equal(5, afterFive!.FailedLogins);
        Assert.Equal(lockUntil, afterFive.LockedUntil);
        Assert.Null(await store.RecordFailedLoginAsync(Guid.NewGuid().ToString(), lockUntil, 5, default));
    }

    [Theory, BothDatabases]
    public async Task RecordSuccessfulLoginAsync_ResetsFailuresAndLockAndStampsLogin(DatabaseKind kind)
    {
        var clock = TestClock.Create();
        var store = new AdminUserStore((await databases.GetAsync(kind)).Database, clock);
        var user = await store.CreateAsync(UniqueEmail(), PasswordHash, "admin", default);
        var now = clock.GetUtcNow().UtcDateTime;
        await store.RecordFailedLoginAsync(user.UserId, now.AddMinutes(15), 1, default);

        Assert.True(await store.RecordSuccessfulLoginAsync(user.UserId, now.AddHours(1), default));

        var read = await store.GetByIdAsync(user.UserId, default);
        Assert.Equal(0, read!.FailedLogins);
        Assert.Null(read.LockedUntil);
        Assert.Equal(now.AddHours(1), read.LastLoginAt);
    }

    [Theory, BothDatabases]
    public async Task UpdatePasswordAsync_WritesTheNewHashAndStamp(DatabaseKind kind)
    {
        var store = new AdminUserStore((await databases.GetAsync(kind)).Database, TestClock.Create());
        var user = await store.CreateAsync(UniqueEmail(), PasswordHash, "admin", default);
        var stamp = Guid.NewGuid().ToString();

        Assert.True(await store.UpdatePasswordAsync(user.UserId, "new-hash", stamp, default));

        var read = await store.GetByIdAsync(user.UserId, default);
        Assert.Equal("new-hash", read!.PasswordHash);
        Assert.Equal(stamp, read.SecurityStamp);
        Assert.NotEqual(user.SecurityStamp, read.SecurityStamp);
        Assert.False(await store.UpdatePasswordAsync(Guid.NewGuid().ToString(), "x", stamp, default));
    }

    [Theory, BothDatabases]
    public async Task ListAsync_PagesByEmailWithTotal(DatabaseKind kind)
    {
        await using var fresh = await TestDatabase.CreateAsync(kind);
        var store = new AdminUserStore(fresh.Database, TestClock.Create());
        foreach (var name in new[] { "carol", "alice", "erin", "bob", "dave" })
        {
            await store.CreateAsync($"{name}@example.com", PasswordHash, "admin", default);
        }

        var page = await store.ListAsync(new PageRequest(page: 2, pageSize: 2), default);

        Assert.Equal(5, page.Total);
        Assert.Equal(["carol@example.com", "dave@example.com"], page.Items.Select(u => u.Email));
    }

    private static string UniqueEmail() => $"user-{Guid.NewGuid():N}@example.com";
}
