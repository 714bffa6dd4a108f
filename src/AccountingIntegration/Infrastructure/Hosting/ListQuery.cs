using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Errors;

namespace AccountingIntegration.Infrastructure.Hosting;

/// <summary>The query parameters every list shares: page, page size and a UTC time range [from, to).</summary>
internal static class ListQuery
{
    public static PageRequest Page(int? page, int? pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (page is < 1)
        {
            errors["page"] = ["must be 1 or more"];
        }

        if (pageSize is < 1 or > PageRequest.MaxPageSize)
        {
            errors["pageSize"] = [$"must be between 1 and {PageRequest.MaxPageSize}"];
        }

        if (errors.Count == 0 && page is not null && !PageRequest.OffsetFits(page.Value, pageSize ?? 50))
        {
            errors["page"] = [$"is too large: page {page} of {pageSize ?? 50} rows lies beyond any list"];
        }

        return errors.Count > 0 ? throw ApiException.Validation(errors) : new PageRequest(page ?? 1, pageSize ?? 50);
    }

    /// <summary>Adds a problem when the range is backwards, then refuses the request if anything is wrong.</summary>
    public static void CheckRange(DateTime? from, DateTime? to, Dictionary<string, string[]> errors)
    {
        if (from is not null && to is not null && from > to)
        {
            errors["from"] = ["must not be after 'to'"];
        }

        if (errors.Count > 0)
        {
            throw ApiException.Validation(errors);
        }
    }

    public static PagedResponse<T> ToResponse<T>(this Page<T> page) => new(page.Items, Pagination(page));

    public static PagedResponse<TView> ToResponse<T, TView>(this Page<T> page, Func<T, TView> view) =>
        new([.. page.Items.Select(view)], Pagination(page));

    private static Pagination Pagination<T>(Page<T> page) =>
        new(page.Request.Page, page.Request.PageSize, page.Total)
        {
            TotalIsEstimate = page.TotalIsEstimate,
            HasMore = page.HasMore,
            NextCursor = page.NextCursor,
        };
}
