using AccountingIntegration.Infrastructure.Configuration;

namespace AccountingIntegration.Features.Drift;

/// <summary>Following what people do in QBO to the documents the service booked.</summary>
internal sealed class DriftOptions
{
    /// <summary>
    /// The verifier token of the Intuit app's webhook (QBO_WEBHOOK_VERIFIER_TOKEN; developer portal, Webhooks): it signs
    /// every notification. Without it the notification route refuses everything and only the CDC sweep finds drift.
    /// </summary>
    public string? VerifierToken { get; init; }

    /// <summary>How often each connected company's changes are read by CDC (DRIFT_SWEEP_MINUTES; 0 turns the sweep off).</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary>
    /// QBO answers a CDC read with at most this many objects, all entities together (REFERENCE §2.6: 1000). Not a
    /// setting: QBO's figure, which tests lower together with the sandbox's.
    /// </summary>
    public int MaxObjectsPerRead { get; init; } = 1000;

    /// <summary>How far back a company's first sweep looks (QBO's CDC goes back at most 30 days).</summary>
    public static readonly TimeSpan FirstLookback = TimeSpan.FromDays(1);

    /// <summary>
    /// How often each instance looks for companies due: a quarter of <see cref="SweepInterval"/>, so that a company is
    /// swept between one and one and a quarter intervals apart, by whichever instance looks first.
    /// </summary>
    public TimeSpan TickInterval => SweepInterval / 4;

    public static DriftOptions Bind(IConfiguration configuration, List<string> problems)
    {
        var minutes = Settings.Integer(configuration, "DRIFT_SWEEP_MINUTES", 60, problems);
        if (minutes is < 0 or > 24 * 60)
        {
            problems.Add($"DRIFT_SWEEP_MINUTES: {minutes} is outside 0..1440 (0 turns the sweep off).");
        }

        return new DriftOptions
        {
            VerifierToken = Settings.Text(configuration, "QBO_WEBHOOK_VERIFIER_TOKEN"),
            SweepInterval = TimeSpan.FromMinutes(Math.Max(minutes, 0)),
        };
    }
}
