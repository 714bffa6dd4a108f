using System.Collections.Concurrent;
using AccountingIntegration.Infrastructure.QuickBooks;
using AccountingIntegration.Infrastructure.QuickBooks.Budget;
using AccountingIntegration.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace AccountingIntegration.Tests.QuickBooks;

/// <summary>The limiter's turns between kinds of traffic within one company's budget.</summary>
public sealed class QboRealmLimiterTests
{
    [Fact]
    public async Task Acquire_ProxyFloodQueuedFirst_InvoicesStillGetTheirShare()
    {
        var clock = TestClock.Create();
        var options = RealmBudgetOptions.With(perMinute: 500);
        var limiter = new QboRealmLimiter(new MemoryRealmBudgetStore(options, clock), options, clock, NullLogger<QboRealmLimiter>.Instance);
        var started = new ConcurrentQueue<QboTraffic>();

        async Task SendAsync(QboTraffic traffic)
        {
            using var permit = await limiter.AcquireAsync("realm-1", traffic, isBatch: false, default);
            started.Enqueue(traffic);
        }

        var proxy = Enumerable.Range(0, 40).Select(_ => SendAsync(QboTraffic.Proxy)).ToList();
        var invoices = Enumerable.Range(0, 10).Select(_ => SendAsync(QboTraffic.Documents)).ToList();
        await new TimePump(clock).WhileAsync(Task.WhenAll(proxy.Concat(invoices)));

        // First come, first served would start the ten invoices last (41st to 50th); their weight puts them up front.
        var order = started.ToList();
        Assert.Equal(50, order.Count);
        Assert.InRange(order.LastIndexOf(QboTraffic.Documents), 9, 24);
    }

    [Fact]
    public async Task Acquire_MoreCallersThanSlots_NeverMoreInFlightThanTheLimit()
    {
        var clock = TestClock.Create();
        var options = RealmBudgetOptions.With(perMinute: 500);
        var limiter = new QboRealmLimiter(new MemoryRealmBudgetStore(options, clock), options, clock, NullLogger<QboRealmLimiter>.Instance);
        var inFlight = 0;
        var peak = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task SendAsync()
        {
            using var permit = await limiter.AcquireAsync("realm-2", QboTraffic.References, isBatch: false, default);
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref peak, now);
            await release.Task;
            Interlocked.Decrement(ref inFlight);
        }

        var calls = Enumerable.Range(0, 25).Select(_ => SendAsync()).ToList();
        await Eventually.GetAsync(() => Task.FromResult(Volatile.Read(ref inFlight)), n => n == options.MaxConcurrentPerRealm, betweenReads: () => clock.Advance(TimePump.Step));
        release.SetResult();
        await new TimePump(clock).WhileAsync(Task.WhenAll(calls));

        Assert.Equal(options.MaxConcurrentPerRealm, peak);
    }

    [Fact]
    public async Task Acquire_GrantsThatLapseBeforeTheyArrive_AreGivenBackAndDoNotFillTheWindow()
    {
        var clock = TestClock.Create();
        var options = RealmBudgetOptions.With(perMinute: 500);
        // A database slower than a grant's lifetime, in clock time, for the first three reservations.
        var store = new SlowStore(new MemoryRealmBudgetStore(options, clock), clock, slowReservations: 3);
        var limiter = new QboRealmLimiter(store, options, clock, NullLogger<QboRealmLimiter>.Instance);

        async Task SendAsync()
        {
            using var permit = await limiter.AcquireAsync("realm-3", QboTraffic.Documents, isBatch: false, default);
        }

        // Three lapsed blocks of five kept counting would fill the second's ten: the clock would have to move for any to start.
        var calls = Enumerable.Range(0, 10).Select(_ => SendAsync()).ToList();
        await Eventually.GetAsync(() => Task.FromResult(calls.Count(c => c.IsCompletedSuccessfully)), done => done == calls.Count);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(5, 2)]
    public async Task Acquire_CallerResumesAfterItsPermitLapsed_WaitsForOneFreshPermitOnly(int lateGrants, int reservations)
    {
        // Every read of this clock moves it on a millisecond: the dispatcher hands the permit over in time, and the caller,
        // reading the clock after it, resumes past the lapse, as a caller on a saturated thread pool does.
        var clock = TestClock.Create();
        clock.AutoAdvanceAmount = TimeSpan.FromMilliseconds(1);
        var options = RealmBudgetOptions.With(perMinute: 500);
        var store = new BarelyLivedStore(new MemoryRealmBudgetStore(options, clock), clock, lateGrants);
        var limiter = new QboRealmLimiter(store, options, clock, NullLogger<QboRealmLimiter>.Instance);

        using (await limiter.AcquireAsync("realm-4", QboTraffic.Documents, isBatch: false, default))
        {
            Assert.Equal(1, limiter.InFlight);
        }

        // One late permit is given up for a fresh one; when that one is late too the request goes rather than waiting on.
        Assert.Equal(reservations, store.Reservations);
        Assert.Equal(0, limiter.InFlight);
    }

    /// <summary>Moves the clock past the grant's lifetime while a reservation is under way, as a slow database would.</summary>
    private sealed class SlowStore(IRealmBudgetStore inner, Microsoft.Extensions.Time.Testing.FakeTimeProvider clock, int slowReservations) : IRealmBudgetStore
    {
        private int _slowLeft = slowReservations;

        public async Task<RealmGrant> ReserveAsync(RealmBudgetRequest request, CancellationToken cancellationToken)
        {
            var grant = await inner.ReserveAsync(request, cancellationToken);
            if (Interlocked.Decrement(ref _slowLeft) >= 0)
            {
                clock.Advance(RealmBudgetLimits.GrantLifetime + TimeSpan.FromMilliseconds(50));
            }

            return grant;
        }

        public Task ReturnAsync(string realmId, string grantId, int requests, int batches, CancellationToken cancellationToken) =>
            inner.ReturnAsync(realmId, grantId, requests, batches, cancellationToken);

        public Task ReleaseAsync(string realmId, int held, CancellationToken cancellationToken) => inner.ReleaseAsync(realmId, held, cancellationToken);

        public Task ReleaseAllAsync(CancellationToken cancellationToken) => inner.ReleaseAllAsync(cancellationToken);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    /// <summary>Gives its first grants a life that ends between the dispatcher's hand-over and the caller's next look at the clock.</summary>
    private sealed class BarelyLivedStore(IRealmBudgetStore inner, Microsoft.Extensions.Time.Testing.FakeTimeProvider clock, int lateGrants) : IRealmBudgetStore
    {
        private int _reservations;

        public int Reservations => Volatile.Read(ref _reservations);

        public async Task<RealmGrant> ReserveAsync(RealmBudgetRequest request, CancellationToken cancellationToken)
        {
            var grant = await inner.ReserveAsync(request, cancellationToken);
            if (Interlocked.Increment(ref _reservations) > lateGrants || grant.Requests == 0)
            {
                return grant;
            }

            // The dispatcher's look (1 ms on) still finds it alive; the caller's (2 ms on or later) finds it lapsed.
            return grant with { LapsesAt = clock.GetUtcNow() + TimeSpan.FromMilliseconds(1.5) };
        }

        public Task ReturnAsync(string realmId, string grantId, int requests, int batches, CancellationToken cancellationToken) =>
            inner.ReturnAsync(realmId, grantId, requests, batches, cancellationToken);

        public Task ReleaseAsync(string realmId, int held, CancellationToken cancellationToken) => inner.ReleaseAsync(realmId, held, cancellationToken);

        public Task ReleaseAllAsync(CancellationToken cancellationToken) => inner.ReleaseAllAsync(cancellationToken);
    }
}
