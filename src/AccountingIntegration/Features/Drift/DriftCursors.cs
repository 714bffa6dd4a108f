using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Drift;

/// <summary>
/// Where each organization's change sweep stands, in the database every instance shares (M0022): so that one instance
/// sweeps a company each interval, however many run, and a restart goes on from where the last sweep began instead of
/// looking a day back.
/// </summary>
internal sealed class DriftCursors(Database database)
{
    /// <summary>
    /// Takes the organization's sweep if it is due at <paramref name="now"/>: its next sweep is pushed to the end of
    /// <paramref name="lease"/> first, so another instance passes it by meanwhile, and one that stops mid-sweep leaves it
    /// due again when the lease ends. Null when it is not due or another instance took it first.
    /// </summary>
    public async Task<DriftClaim?> TryClaimAsync(string organizationId, DateTime now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var parameters = new { OrganizationId = organizationId, Now = now, LeaseEnd = now + lease };
        // Read first: most looks find the company not due, and then nothing is written.
        var cursor = await database.QuerySingleOrDefaultAsync<DriftCursor>(
            "SELECT changed_since AS ChangedSince, CASE WHEN next_sweep_at <= @Now THEN 1 ELSE 0 END AS Due FROM drift_cursors WHERE organization_id = @OrganizationId",
            parameters, cancellationToken);
        if (cursor is null)
        {
            // Never swept: the first instance to write its row takes the first sweep.
            var inserted = await database.ExecuteAsync(
                $"{database.Dialect.InsertIgnore} INTO drift_cursors (organization_id, changed_since, next_sweep_at) VALUES (@OrganizationId, NULL, @LeaseEnd)",
                parameters, cancellationToken);
            return inserted == 1 ? new DriftClaim(null) : null;
        }

        if (!cursor.Due)
        {
            return null;
        }

        // A conditional UPDATE: of two instances claiming at once, the second finds the row pushed ahead and changes nothing.
        // A start read before another instance's claim or sweep is never later than the one it wrote: at worst read again.
        var claimed = await database.ExecuteAsync(
            "UPDATE drift_cursors SET next_sweep_at = @LeaseEnd WHERE organization_id = @OrganizationId AND next_sweep_at <= @Now",
            parameters, cancellationToken);
        return claimed == 1 ? new DriftClaim(cursor.ChangedSince) : null;
    }

    /// <summary>The sweep that began at <paramref name="startedAt"/> read everything changed before it; the next one starts there.</summary>
    public Task SweptAsync(string organizationId, DateTime startedAt, DateTime nextSweepAt, CancellationToken cancellationToken) =>
        database.ExecuteAsync("UPDATE drift_cursors SET changed_since = @StartedAt, next_sweep_at = @Next WHERE organization_id = @OrganizationId",
            new { OrganizationId = organizationId, StartedAt = startedAt, Next = nextSweepAt }, cancellationToken);

    /// <summary>The sweep could not read QBO: the next one, at <paramref name="nextSweepAt"/>, starts from the same point.</summary>
    public Task PostponeAsync(string organizationId, DateTime nextSweepAt, CancellationToken cancellationToken) =>
        database.ExecuteAsync("UPDATE drift_cursors SET next_sweep_at = @Next WHERE organization_id = @OrganizationId",
            new { OrganizationId = organizationId, Next = nextSweepAt }, cancellationToken);
}

/// <summary>An organization's row as a look reads it: from when its next read starts, and whether it is due (the database compares).</summary>
internal sealed class DriftCursor
{
    public DateTime? ChangedSince { get; init; }

    public bool Due { get; init; }
}

/// <summary>A sweep this instance took: from when its read starts, null for the organization's first.</summary>
internal sealed record DriftClaim(DateTime? ChangedSince);
