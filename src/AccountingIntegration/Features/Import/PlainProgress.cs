namespace AccountingIntegration.Features.Import;

/// <summary>
/// Progress for redirected output (a log file, CI, a pipe): a plain line every few seconds and one when a step ends,
/// with rows done, the total and the rate, instead of a bar that would fill the log with control characters.
/// </summary>
internal sealed class PlainProgress(TextWriter output, TimeProvider time) : IImportProgress
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private string _step = "";
    private long _total;
    private long _done;
    private long _started;
    private long _lastLine;

    public void Start(string step, long total)
    {
        (_step, _total, _done) = (step, total, 0);
        _started = _lastLine = time.GetTimestamp();
    }

    public void Advance(long rows)
    {
        _done += rows;
        if (time.GetElapsedTime(_lastLine) >= Interval)
        {
            Write();
            _lastLine = time.GetTimestamp();
        }
    }

    public void Complete() => Write();

    private void Write()
    {
        var seconds = Math.Max(time.GetElapsedTime(_started).TotalSeconds, 0.001);
        var percent = _total == 0 ? 100 : _done * 100 / _total;
        output.WriteLine($"{_step}: {_done}/{_total} rows ({percent}%), {_done / seconds:F0} rows/s");
    }
}
