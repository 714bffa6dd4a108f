using AccountingIntegration.Features.Webhooks;

namespace AccountingIntegration.Features.OperatorConsole.Failures;

/// <summary>A payload status in words, and the badge class that colours it (the words carry the meaning; colour only repeats it).</summary>
internal static class PayloadStatusWords
{
    public static string Of(string status) => status switch
    {
        PayloadStatus.Queued => "Queued",
        PayloadStatus.Processing => "Processing",
        PayloadStatus.Succeeded => "Booked",
        PayloadStatus.Skipped => "Skipped",
        PayloadStatus.WaitingConnection => "Waiting for QuickBooks connection",
        PayloadStatus.WaitingDependency => "Waiting for its sale",
        PayloadStatus.Failed => "Failed",
        PayloadStatus.Retrying => "Retrying",
        PayloadStatus.Dead => "Dead (gave up)",
        PayloadStatus.Drifted => "Changed in QuickBooks",
        _ => status,
    };

    public static string BadgeClass(string status) => status switch
    {
        PayloadStatus.Succeeded => "ok",
        PayloadStatus.Failed or PayloadStatus.Dead or PayloadStatus.Drifted => "bad",
        PayloadStatus.Skipped => "skipped",
        _ => "warn",
    };
}
