using Spectre.Console;
using Spectre.Console.Rendering;

namespace AccountingIntegration.Features.Import;

/// <summary>Progress on a terminal: Spectre.Console's live bar per step, with percentage, rows/s and time left.</summary>
internal sealed class ConsoleProgress(ProgressContext context) : IImportProgress
{
    private ProgressTask? _task;

    /// <summary>Runs <paramref name="work"/> under a live progress display.</summary>
    public static Task<T> RunAsync<T>(Func<IImportProgress, Task<T>> work) =>
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RowRateColumn(), new RemainingTimeColumn())
            .StartAsync(context => work(new ConsoleProgress(context)));

    public void Start(string step, long total) => _task = context.AddTask(step, maxValue: Math.Max(total, 1));

    public void Advance(long rows) => _task?.Increment(rows);

    public void Complete()
    {
        if (_task is not null)
        {
            _task.Value = _task.MaxValue;
            _task.StopTask();
        }
    }

    /// <summary>Spectre's speed column counts bytes; rows are what an import moves.</summary>
    private sealed class RowRateColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text($"{task.Speed ?? 0:F0} rows/s");
    }
}
