namespace AccountingIntegration.Infrastructure.Data;

/// <summary>A 1-based page of a list, clamped to sane bounds so a caller cannot ask for a million rows.</summary>
internal sealed record PageRequest
{
    public const int MaxPageSize = 200;

    public PageRequest(int page = 1, int pageSize = 50)
    {
        Page = Math.Max(1, page);
        PageSize = Math.Clamp(pageSize, 1, MaxPageSize);
    }

    public int Page { get; }

    public int PageSize { get; }

    public int Limit => PageSize;

    public int Offset => (Page - 1) * PageSize;

    /// <summary>
    /// Whether the rows before the page can be counted in an int; page 2147483647 of 100 would wrap
    /// negative and quietly answer with the first page.
    /// </summary>
    public static bool OffsetFits(int page, int pageSize) => ((long)page - 1) * pageSize < int.MaxValue;
}

/// <summary>
/// One page of rows and the number of matching rows. A list that counts only up to a cap says so with
/// <paramref name="TotalIsEstimate"/> (the total is then a lower bound); a list paged by keyset hands back the cursor of
/// the next page in <paramref name="NextCursor"/> and says whether rows follow in <paramref name="More"/> (null: work it
/// out from the total).
/// </summary>
internal sealed record Page<T>(IReadOnlyList<T> Items, long Total, PageRequest Request, bool TotalIsEstimate = false, string? NextCursor = null, bool? More = null)
{
    /// <summary>Whether rows follow this page.</summary>
    public bool HasMore => More ?? (long)Request.Offset + Items.Count < Total;
}
