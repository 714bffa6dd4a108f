namespace AccountingIntegration.Infrastructure.QuickBooks.Budget;

/// <summary>
/// One company's callers in this instance. Permits come in blocks from the shared budget (<see cref="IRealmBudgetStore"/>)
/// and go to the waiting kinds of traffic in weighted turns (<see cref="QboTrafficShares"/>). One loop per company runs
/// while anyone waits, so this instance's reservations and releases for the company happen one after another: a release
/// can never overwrite a later reservation's slots.
/// </summary>
internal sealed class RealmDispatcher(string realmId, IRealmBudgetStore store, RealmBudgetLimits limits, TimeProvider time, ILogger logger)
{
    /// <summary>How long to wait before asking the store again after it failed (the database is down).</summary>
    private static readonly TimeSpan StoreRetry = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly Queue<RealmWaiter>[] _waiting = [new(), new(), new(), new()];
    private readonly QboTrafficShares _shares = new();
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private int _held;
    private int _requestPermits;
    private int _batchPermits;
    private DateTimeOffset _permitsLapse;
    private bool _running;

    /// <summary>Queues a caller; its <see cref="RealmWaiter.Started"/> completes when it may send.</summary>
    public RealmWaiter Enqueue(QboTraffic traffic, bool isBatch)
    {
        var waiter = new RealmWaiter(traffic, isBatch);
        lock (_gate)
        {
            _waiting[(int)traffic].Enqueue(waiter);
            StartLoopLocked();
        }

        return waiter;
    }

    /// <summary>A started request answered (or failed): its slot is free for the next caller.</summary>
    public void Finished()
    {
        lock (_gate)
        {
            _inFlight--;
            _released.TrySetResult();
            // Idle with slots recorded: the loop gives them back, so other instances need not wait for the lease to run out.
            if (_inFlight == 0 && _held > 0)
            {
                StartLoopLocked();
            }
        }
    }

    private void StartLoopLocked()
    {
        if (!_running)
        {
            _running = true;
            _ = Task.Run(RunAsync);
        }
    }

    private async Task RunAsync()
    {
        while (true)
        {
            var step = NextStep(out var started);
            foreach (var waiter in started)
            {
                if (!waiter.TryStart())
                {
                    Finished();
                }
            }

            try
            {
                switch (step)
                {
                    case Step.Done:
                        return;
                    case Step.Release:
                        await store.ReleaseAsync(realmId, 0, CancellationToken.None);
                        break;
                    case Step.Reserve reserve:
                        await ReserveAsync(reserve.Request);
                        break;
                    case Step.Wait wait:
                        await WaitAsync(wait.Until, wait.OrRelease);
                        break;
                }
            }
            catch (Exception e)
            {
                // The loop must survive a failing database: callers keep waiting (within their own time-outs) and it tries again.
                Log.BudgetStoreFailed(logger, realmId, e);
                await Task.Delay(StoreRetry, time);
            }
        }
    }

    /// <summary>Starts whoever can start now and decides what the loop does next; stops the loop when nothing is left to do.</summary>
    private Step NextStep(out List<RealmWaiter> started)
    {
        started = [];
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (now >= _permitsLapse)
            {
                _requestPermits = 0;
                _batchPermits = 0;
            }

            while (_inFlight < _held && _requestPermits > 0 && _shares.Next(CanStart) is { } traffic)
            {
                var waiter = _waiting[(int)traffic].Dequeue();
                _requestPermits--;
                _batchPermits -= waiter.IsBatch ? 1 : 0;
                _inFlight++;
                started.Add(waiter);
            }

            var (waiting, batches) = CountWaiting();
            if (waiting == 0)
            {
                if (_inFlight == 0 && _held > 0)
                {
                    _held = 0;
                    return new Step.Release();
                }

                _running = false;
                return new Step.Done();
            }

            if (_requestPermits > 0)
            {
                // Permits in hand, but every slot busy (or only batches wait without batch permits): wait for a slot or the lapse.
                _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return new Step.Wait(_permitsLapse, OrRelease: true);
            }

            return new Step.Reserve(new RealmBudgetRequest(realmId, Math.Min(waiting, limits.MaxBlock), Math.Min(batches, limits.MaxBlock), _inFlight,
                Math.Min(limits.Concurrent, _inFlight + waiting)));
        }
    }

    private async Task ReserveAsync(RealmBudgetRequest request)
    {
        var grant = await store.ReserveAsync(request, CancellationToken.None);
        bool slotsStandInTheWay;
        lock (_gate)
        {
            _held = grant.Held;
            _requestPermits = grant.Requests;
            _batchPermits = grant.Batches;
            _permitsLapse = grant.LapsesAt;
            slotsStandInTheWay = grant.Held <= request.InFlight;
            if (grant.Requests > 0)
            {
                return;
            }

            _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        await WaitAsync(grant.RetryAt, slotsStandInTheWay);
    }

    private async Task WaitAsync(DateTimeOffset until, bool orRelease)
    {
        var delay = until - time.GetUtcNow();
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        using var stop = new CancellationTokenSource();
        var timer = Task.Delay(delay, time, stop.Token);
        Task released;
        lock (_gate)
        {
            released = _released.Task;
        }

        await Task.WhenAny(orRelease ? [timer, released] : [timer]);
        await stop.CancelAsync();
    }

    private bool CanStart(QboTraffic traffic)
    {
        var queue = _waiting[(int)traffic];
        while (queue.TryPeek(out var head) && !head.IsWaiting)
        {
            queue.Dequeue();
        }

        return queue.TryPeek(out var next) && (!next.IsBatch || _batchPermits > 0);
    }

    private (int Waiting, int Batches) CountWaiting()
    {
        var waiting = 0;
        var batches = 0;
        foreach (var queue in _waiting)
        {
            foreach (var waiter in queue)
            {
                if (waiter.IsWaiting)
                {
                    waiting++;
                    batches += waiter.IsBatch ? 1 : 0;
                }
            }
        }

        return (waiting, batches);
    }

    private abstract record Step
    {
        public sealed record Done : Step;

        public sealed record Release : Step;

        public sealed record Reserve(RealmBudgetRequest Request) : Step;

        public sealed record Wait(DateTimeOffset Until, bool OrRelease) : Step;
    }
}
