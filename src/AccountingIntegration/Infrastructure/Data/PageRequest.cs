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
}

/// <summary>One page of rows and the total number of matching rows.</summary>
internal sealed record Page<T>(IReadOnlyList<T> Items, long Total, PageRequest Request);
