using AccountingIntegration.Features.Books.Batching;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Books;

/// <summary>Where a look-up for a document sent alone without an answer starts: kept once, the first bound stays, purged.</summary>
public sealed class UncertainCreatesTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task FirstBoundKept_Stays_UntilPurged(DatabaseKind kind)
    {
        var clock = TestClock.Create();
        var uncertain = new UncertainCreates((await databases.GetAsync(kind)).Database, clock);
        var fingerprint = $"payload-{Guid.NewGuid():N}:sale";
        var now = clock.GetUtcNow().UtcDateTime;
        var first = now.AddMinutes(-1);

        Assert.Null(await uncertain.EarliestCreateTimeAsync(fingerprint, default));
        await uncertain.KeepAsync(fingerprint, first, default);
        clock.Advance(TimeSpan.FromMinutes(5));
        // A later attempt's uncertain create of the same document: the earlier bound still covers both sends.
        await uncertain.KeepAsync(fingerprint, first.AddMinutes(5), default);

        var kept = await uncertain.EarliestCreateTimeAsync(fingerprint, default);
        Assert.Equal(first, kept);
        Assert.Equal(DateTimeKind.Utc, kept!.Value.Kind);
        await uncertain.DeleteOlderThanAsync(now.AddSeconds(-1), default);
        Assert.Equal(first, await uncertain.EarliestCreateTimeAsync(fingerprint, default));
        Assert.True(await uncertain.DeleteOlderThanAsync(now.AddSeconds(1), default) >= 1);
        Assert.Null(await uncertain.EarliestCreateTimeAsync(fingerprint, default));
    }
}
