namespace AccountingIntegration.Mapping;

/// <summary>
/// A line field's labels (<c>Line[0].SalesItemLineDetail.ItemRef.value</c>, <c>Line[1]…</c>) built once per index rather
/// than per draft: every <c>resolve:</c> on a line names its field in a resolver request. Two threads may both build a
/// missing label; they build the same text, so either may win.
/// </summary>
internal sealed class LineLabels(QboPath target)
{
    private const int Cached = 32;
    private readonly string?[] _labels = new string?[Cached];

    public string For(int index) =>
        index < Cached ? _labels[index] ??= FieldEvaluator.Label(target, index) : FieldEvaluator.Label(target, index);
}
