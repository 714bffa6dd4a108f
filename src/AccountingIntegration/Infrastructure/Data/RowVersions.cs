using AccountingIntegration.Infrastructure.Errors;

namespace AccountingIntegration.Infrastructure.Data;

/// <summary>
/// Writes that land only on the row version they read (organizations, webhook sources). A change that loses the race
/// reads the row again and is made again; only a row rewritten under every one of these attempts refuses the change.
/// </summary>
internal static class RowVersions
{
    public const int MaxAttempts = 8;

    /// <summary>
    /// Reads the row, makes the change of it and writes that, again from a fresh read while the write finds the row
    /// moved (<paramref name="write"/> false). Null when the row is gone.
    /// </summary>
    /// <param name="what">The row's kind, for the refusal: "webhook source".</param>
    /// <param name="read">The row as it is now; null when it is gone.</param>
    /// <param name="make">The change of that row (it may throw to refuse).</param>
    /// <param name="write">Writes the change if the row is still at the version read.</param>
    public static async Task<TChange?> ChangeAsync<TRow, TChange>(string what, Func<Task<TRow?>> read, Func<TRow, Task<TChange>> make, Func<TChange, Task<bool>> write)
        where TRow : class
        where TChange : class
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await read() is not { } before)
            {
                return null;
            }

            var change = await make(before);
            if (await write(change))
            {
                return change;
            }

            if (attempt == MaxAttempts)
            {
                throw ApiException.Conflict(ErrorCodes.Conflict, $"The {what} was changed by someone else at every try while this change was made; send it again.");
            }
        }
    }
}
