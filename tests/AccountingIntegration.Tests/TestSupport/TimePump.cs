using Microsoft.Extensions.Time.Testing;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>
/// Moves a fake clock shared by the service and the sandbox while a test waits, so back-off, retry
/// delays, leases and injected latency pass in a fraction of their real duration. Each tick advances
/// <see cref="Step"/> and calls what <see cref="OnTick"/> registered (each host's work signal), so workers look at the queue
/// at once instead of after their real poll interval. The clock only moves while no request is on its way
/// (<c>idle</c>), so a request in flight is never timed out by the pump and arrives when it left.
/// </summary>
internal sealed class TimePump(FakeTimeProvider clock, Func<bool>? idle = null)
{
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(10);

    private readonly List<Action> _onTick = [];

    public FakeTimeProvider Clock { get; } = clock;

    /// <summary>Also calls <paramref name="action"/> on every tick (each service host's work signal).</summary>
    public void OnTick(Action action)
    {
        lock (_onTick)
        {
            _onTick.Add(action);
        }
    }

    public void Tick()
    {
        // Time stands still while a request travels: its time-out cannot fire early, and it reaches the sandbox
        // at the instant it left, so per-second counts at both ends agree.
        if (idle?.Invoke() ?? true)
        {
            Clock.Advance(Step);
        }

        Action[] actions;
        lock (_onTick)
        {
            actions = [.. _onTick];
        }

        foreach (var action in actions)
        {
            action();
        }
    }

    /// <summary>Keeps time moving until <paramref name="work"/> completes (an HTTP call that waits for an outcome, a graceful stop).</summary>
    public async Task<T> WhileAsync<T>(Task<T> work)
    {
        await WhileAsync((Task)work);
        return await work;
    }

    public async Task WhileAsync(Task work)
    {
        var deadline = DateTime.UtcNow + Eventually.DefaultTimeout;
        while (!work.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.WhenAny(work, Task.Delay(Pause));
            Tick();
        }

        await work;
    }
}
