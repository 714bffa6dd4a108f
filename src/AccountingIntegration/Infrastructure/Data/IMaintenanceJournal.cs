namespace AccountingIntegration.Infrastructure.Data;

/// <summary>
/// Where a finished maintenance round is written down for people (the audit log): the data layer cannot reach the
/// audit feature itself, since dependencies point from features to infrastructure.
/// </summary>
internal interface IMaintenanceJournal
{
    Task RecordAsync(IReadOnlyList<MaintenanceStep> steps, CancellationToken cancellationToken);
}

/// <summary>One step of a maintenance round: partitions or a feature's clean-up, how it ended and how long it took.</summary>
/// <param name="Name">"partitions" or the retention task's name.</param>
/// <param name="Succeeded">False when the step threw; the round went on with the next step.</param>
/// <param name="Duration">Wall time of the step.</param>
/// <param name="Error">The exception's type when it failed (never its message, which may carry SQL or values).</param>
internal sealed record MaintenanceStep(string Name, bool Succeeded, TimeSpan Duration, string? Error);
