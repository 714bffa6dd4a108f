using System.Text.Json.Serialization;

namespace AccountingIntegration.Infrastructure.Hosting;

/// <summary>The success envelope: <c>{ "success": true, "data": … }</c>.</summary>
internal sealed record ApiResponse<T>(T Data)
    where T : notnull
{
    [JsonPropertyOrder(-1)]
    public bool Success { get; init; } = true;
}

/// <summary>A page of a list: the envelope plus <c>pagination</c>.</summary>
internal sealed record PagedResponse<T>(IReadOnlyList<T> Data, Pagination Pagination)
{
    [JsonPropertyOrder(-1)]
    public bool Success { get; init; } = true;
}

/// <summary>
/// Where a page sits in its list. Lists that may grow to millions of rows count only up to a cap: <see cref="TotalIsEstimate"/>
/// is then true and <see cref="Total"/> (and so <see cref="TotalPages"/>) is a lower bound. Such lists page by keyset:
/// <see cref="NextCursor"/> is passed back as <c>cursor</c> for the next page, in constant time however deep.
/// </summary>
internal sealed record Pagination(int Page, int PageSize, long Total)
{
    private readonly bool? _hasMore;

    public int TotalPages => PageSize == 0 ? 0 : (int)((Total + PageSize - 1) / PageSize);

    /// <summary>True when more rows match than were counted: <see cref="Total"/> is the cap, a lower bound.</summary>
    public bool TotalIsEstimate { get; init; }

    /// <summary>Whether rows follow this page; unless set, whether the pages up to this one hold fewer rows than the total.</summary>
    public bool HasMore
    {
        get => _hasMore ?? (long)Page * PageSize < Total;
        init => _hasMore = value;
    }

    /// <summary>The <c>cursor</c> of the next page, on lists paged by keyset while rows follow; null otherwise.</summary>
    public string? NextCursor { get; init; }
}

internal static class ApiResponse
{
    public static ApiResponse<T> Of<T>(T data)
        where T : notnull => new(data);
}
