namespace AccountingIntegration.Features.Webhooks.Processing;

/// <summary>
/// Keeps the leases of the claims this instance's workers hold alive: every third of WORKER_LEASE_SECONDS all of
/// them are extended by a whole term, in one statement per lease owner. A lease can then be short (a crashed worker's
/// payloads are due again within seconds, not minutes) and still never lapse under a slow QBO call, so two workers never
/// hold one payload at once. One statement for all held claims rather than one connection and one write transaction
/// per claim: on SQLite every write takes the only write lock, and a drain keeps WORKER_CONCURRENCY claims held. A
/// renewal that fails (the database away for a moment) is tried again next round; renewing a claim whose outcome is
/// written, or that another worker took after its lease ran out, changes nothing (the statement requires the owner and
/// the processing status). The round runs while any claim is held and stops when none is.
/// </summary>
internal sealed partial class LeaseKeeper(WebhookQueueStore queue, WebhookOptions options, TimeProvider time, ILogger<LeaseKeeper> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _held = new(StringComparer.Ordinal);
    private Task? _rounds;
    private Task _renewing = Task.CompletedTask;

    /// <summary>Renews the lease of <paramref name="claim"/> until the returned handle is disposed.</summary>
    /// <param name="claim">The payload the worker holds.</param>
    /// <param name="owner">The lease owner the claim was taken under.</param>
    public Renewal Keep(QueueClaim claim, string owner)
    {
        lock (_gate)
        {
            _held[claim.PayloadId] = owner;
            _rounds ??= RunRoundsAsync();
        }

        return new Renewal(this, claim.PayloadId);
    }

    private async Task RunRoundsAsync()
    {
        // Off the caller's stack: Keep returns at once. A periodic timer keeps its cadence however long a round takes.
        await Task.Yield();
        using var timer = new PeriodicTimer(options.LeaseDuration / 3, time);
        while (await timer.WaitForNextTickAsync())
        {
            Task round;
            lock (_gate)
            {
                if (_held.Count == 0)
                {
                    _rounds = null;
                    return;
                }

                round = RenewAsync([.. _held.GroupBy(claim => claim.Value, StringComparer.Ordinal)
                    .Select(owner => (owner.Key, (IReadOnlyList<string>)[.. owner.Select(claim => claim.Key)]))]);
                _renewing = round;
            }

            await round;
        }
    }

    private async Task RenewAsync(IReadOnlyList<(string Owner, IReadOnlyList<string> PayloadIds)> owners)
    {
        foreach (var (owner, payloadIds) in owners)
        {
            try
            {
                await queue.RenewLeasesAsync(payloadIds, owner, options.LeaseDuration, CancellationToken.None);
            }
            catch (Exception e)
            {
                LogRenewalFailed(logger, e);
            }
        }
    }

    /// <summary>Stops renewing a claim, then waits for a round under way (which may include it) to end.</summary>
    private async Task ReleaseAsync(string payloadId)
    {
        Task renewing;
        lock (_gate)
        {
            _held.Remove(payloadId);
            renewing = _renewing;
        }

        await renewing;
    }

    /// <summary>The renewals of one claim; disposing stops them and waits for a renewal under way to end.</summary>
    internal sealed class Renewal(LeaseKeeper keeper, string payloadId) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => new(keeper.ReleaseAsync(payloadId));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the held payloads' leases failed; trying again at the next renewal")]
    private static partial void LogRenewalFailed(ILogger logger, Exception exception);
}
