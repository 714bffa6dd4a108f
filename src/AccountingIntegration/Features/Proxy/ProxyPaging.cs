using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.QuickBooks;

namespace AccountingIntegration.Features.Proxy;

/// <summary>Validated paging for QBO lists: page ≥ 1, page size 1..1000 (QBO's maximum, REFERENCE §2.5).</summary>
internal sealed record ProxyPaging(int Page, int PageSize)
{
    public const int DefaultPageSize = 100;

    public int StartPosition => ((Page - 1) * PageSize) + 1;

    public static ProxyPaging From(int? page, int? pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (page is < 1)
        {
            errors["page"] = ["must be 1 or more"];
        }

        if (pageSize is < 1 or > QboQuery.MaxPageSize)
        {
            errors["pageSize"] = [$"must be between 1 and {QboQuery.MaxPageSize}"];
        }

        if (errors.Count == 0 && page is not null && !PageRequest.OffsetFits(page.Value, pageSize ?? DefaultPageSize))
        {
            errors["page"] = [$"is too large: page {page} of {pageSize ?? DefaultPageSize} rows lies beyond any list"];
        }

        return errors.Count > 0 ? throw ApiException.Validation(errors) : new ProxyPaging(page ?? 1, pageSize ?? DefaultPageSize);
    }
}
