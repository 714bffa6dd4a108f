using Dapper;

namespace AccountingIntegration.Infrastructure.Data;

/// <summary>
/// A page of a log that grows with the traffic (sync attempts, API usage, audit): its rows, and a count of the matches
/// that stops at <see cref="Cap"/> (docs/decisions/0011-keyset-paging-and-capped-counts.md). A count of every match
/// would read the whole window of a busy service on every page; beyond the cap the total is a lower bound and
/// <see cref="Page{T}.TotalIsEstimate"/> says so, while one row more than the page tells whether rows follow.
/// </summary>
internal static class CappedPage
{
    public const int Cap = 10_000;

    /// <summary>
    /// Reads a page: <paramref name="rowsSql"/> ends with the dialect's paging (<c>@Limit</c>, <c>@Offset</c>) and
    /// <paramref name="from"/> is the table and WHERE both statements share.
    /// </summary>
    /// <param name="database">The database.</param>
    /// <param name="rowsSql">The page's SELECT, ordered and paged.</param>
    /// <param name="from">The table and its conditions (<c>audit_logs WHERE …</c>), for the capped count.</param>
    /// <param name="parameters">The conditions' parameters; Limit, Offset and Cap are added.</param>
    /// <param name="page">Which page.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public static async Task<Page<T>> ReadAsync<T>(Database database, string rowsSql, string from, object parameters, PageRequest page, CancellationToken cancellationToken)
    {
        var arguments = new DynamicParameters(parameters);
        arguments.AddDynamicParams(new { Limit = page.Limit + 1, page.Offset, Cap = Cap + 1 });
        var rows = (await database.QueryListAsync<T>(rowsSql, arguments, cancellationToken)).ToList();
        var more = rows.Count > page.Limit;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        // A first page that is not full holds every match; otherwise count, but no further than the cap.
        var total = page.Offset == 0 && !more
            ? rows.Count
            : await database.QuerySingleOrDefaultAsync<long>($"SELECT COUNT(*) FROM (SELECT 1 AS matched FROM {from} LIMIT @Cap) capped", arguments, cancellationToken);
        return new Page<T>(rows, Math.Min(total, Cap), page, total > Cap, More: more);
    }
}
