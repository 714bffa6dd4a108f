namespace QboSandbox.State;

/// <summary>
/// Keeps <see cref="SandboxOptions.StateFile"/> current: saves within a second of a change (checked on the
/// system clock, not the sandbox's: a fake clock in tests must not stop saving) and once more at shutdown.
/// </summary>
internal sealed partial class StatePersistence(SandboxState state, ILogger<StatePersistence> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        SaveIfChanged(force: true);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (state.Options.StateFile is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, TimeProvider.System);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                SaveIfChanged(force: false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: StopAsync saves a last time.
        }
    }

    private void SaveIfChanged(bool force)
    {
        try
        {
            if (state.Options.StateFile is not null && (force || state.HasUnsavedChanges))
            {
                state.SaveState();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogSaveFailed(logger, ex, state.Options.StateFile!);
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Could not save the sandbox state to {Path}")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, string path);
}
