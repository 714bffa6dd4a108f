namespace AccountingIntegration.Features.Books.Batching;

/// <summary>
/// One document waiting in a <see cref="CompanyLane"/>: its caller either gets its turn to send a group (which holds
/// this item) or is told the result by the caller whose group carried it.
/// </summary>
internal sealed class LaneItem(DocumentCreate create)
{
    private readonly TaskCompletionSource<IReadOnlyList<LaneItem>> _turn = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<LaneResult> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DocumentCreate Create { get; } = create;

    /// <summary>Set under the lane's lock when the caller stopped waiting before its item was taken into a group.</summary>
    public bool Abandoned { get; set; }

    /// <summary>Set under the lane's lock when the item was taken into a group.</summary>
    public bool Taken { get; set; }

    public Task<IReadOnlyList<LaneItem>> Turn => _turn.Task;

    public Task<LaneResult> Done => _done.Task;

    public void GiveTurn(IReadOnlyList<LaneItem> group) => _turn.TrySetResult(group);

    public void Complete(LaneResult result) => _done.TrySetResult(result);
}

/// <summary>What became of an item: its document, an error for its payload, or "send it again on its own".</summary>
internal sealed record LaneResult(CreatedDocument? Document, Exception? Error, bool SendAlone)
{
    public static LaneResult Of(CreatedDocument document) => new(document, null, false);

    public static LaneResult Failed(Exception error) => new(null, error, false);

    /// <summary>The batch's answer was lost, it wrote other items but not this one: QBO refused it, and it may be sent again.</summary>
    public static readonly LaneResult Again = new(null, null, true);
}
