namespace AccountingIntegration.Features.Webhooks;

/// <summary>Optional filters of a payload list; null means "any". The time range is [from, to).</summary>
internal sealed record PayloadFilter
{
    public string? Status { get; init; }

    public string? SourceId { get; init; }

    public DateTime? ReceivedFrom { get; init; }

    public DateTime? ReceivedTo { get; init; }
}
