using System.Runtime.CompilerServices;
using AccountingIntegration.Infrastructure.Data;
using Dapper;

namespace AccountingIntegration.Infrastructure.Csv;

/// <summary>
/// Reads for exports, newest first, in pages by keyset (after the last row's time and id) rather
/// than by offset: each page is one indexed range read, rows written meanwhile neither repeat nor
/// shift the pages, and no connection is held while the client downloads. Each feature describes its
/// own tables (<see cref="ExportTable"/>).
/// </summary>
internal sealed class ExportReader(Database database)
{
    /// <summary>A filtered export of <paramref name="table"/>; <paramref name="keyOf"/> gives a row's (time, id) keyset position.</summary>
    public ExportQuery<T> Query<T>(ExportTable table, object filter, Func<T, (DateTime Time, string Id)> keyOf) => new(this, table, filter, keyOf);

    /// <summary>How many rows match, counting no further than <paramref name="cap"/>.</summary>
    internal Task<long> CountAsync(ExportTable table, object filter, int cap, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(filter);
        parameters.Add("Cap", cap);
        return database.QuerySingleOrDefaultAsync<long>(CountSql(table), parameters, cancellationToken);
    }

    /// <summary>The count of matches up to @Cap.</summary>
    internal static string CountSql(ExportTable table) => $"SELECT COUNT(*) FROM (SELECT 1 AS matched FROM {table.Name} {table.Where} LIMIT @Cap) capped";

    /// <summary>The first page, @Limit rows newest first.</summary>
    internal static string FirstPageSql(ExportTable table) =>
        $"SELECT {table.Columns} FROM {table.Name} {table.Where} ORDER BY {table.TimeColumn} DESC, {table.IdColumn} DESC LIMIT @Limit";

    internal async IAsyncEnumerable<IReadOnlyList<T>> PagesAsync<T>(
        ExportTable table, object filter, Func<T, (DateTime Time, string Id)> keyOf, int maxRows, int pageSize,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var order = $"ORDER BY {table.TimeColumn} DESC, {table.IdColumn} DESC LIMIT @Limit";
        var firstSql = FirstPageSql(table);
        var after = $"({table.TimeColumn} < @AfterTime OR ({table.TimeColumn} = @AfterTime AND {table.IdColumn} < @AfterId))";
        var nextSql = $"""
            SELECT {table.Columns} FROM {table.Name} {(table.Where.Length == 0 ? "WHERE" : table.Where + " AND")} {after}
            {order}
            """;
        (DateTime Time, string Id)? last = null;
        var sent = 0;
        while (sent < maxRows)
        {
            var limit = Math.Min(pageSize, maxRows - sent);
            var parameters = new DynamicParameters(filter);
            parameters.Add("Limit", limit);
            if (last is { } position)
            {
                parameters.Add("AfterTime", position.Time);
                parameters.Add("AfterId", position.Id);
            }

            var rows = await database.QueryListAsync<T>(last is null ? firstSql : nextSql, parameters, cancellationToken);
            if (rows.Count > 0)
            {
                yield return rows;
            }

            if (rows.Count < limit)
            {
                yield break;
            }

            sent += rows.Count;
            last = keyOf(rows[^1]);
        }
    }
}

/// <summary>
/// A table an export reads: its columns, its (time, id) ordering key and its filter clause (empty, or a WHERE clause built
/// from the filters given, so that the capped count and each page read an index rather than the table).
/// </summary>
internal sealed record ExportTable(string Name, string Columns, string TimeColumn, string IdColumn, string Where);

/// <summary>One filtered export, ready to be counted and read page by page.</summary>
internal sealed record ExportQuery<T>(ExportReader Store, ExportTable Table, object Filter, Func<T, (DateTime Time, string Id)> KeyOf)
{
    public Task<long> CountAsync(int cap, CancellationToken cancellationToken) => Store.CountAsync(Table, Filter, cap, cancellationToken);

    public IAsyncEnumerable<IReadOnlyList<T>> PagesAsync(ExportLimits limits, CancellationToken cancellationToken) =>
        Store.PagesAsync(Table, Filter, KeyOf, limits.MaxRows, limits.PageSize, cancellationToken);
}
