using System.Text.Json;
using AccountingIntegration.Books;
using AccountingIntegration.Features.Books;

namespace AccountingIntegration.Features.Webhooks.Processing;

/// <summary>The webhook feature's answer to <see cref="IStatedSales"/>: the sale read again from the payload it keeps.</summary>
internal sealed class StatedSales(WebhookStore webhooks) : IStatedSales
{
    public async Task<Sale?> ReadAsync(string organizationId, string sourceId, IVendorAdapter adapter, LedgerLink sale, CancellationToken cancellationToken)
    {
        var booked = await webhooks.GetPayloadAsync(organizationId, sale.PayloadId, cancellationToken);
        if (booked is null || booked.SourceId != sourceId)
        {
            return null;
        }

        using var document = JsonDocument.Parse(booked.RawPayload);
        var eventType = booked.EventType ?? adapter.EventType(new Dictionary<string, string>(), document.RootElement);
        var stated = adapter.Read(eventType ?? string.Empty, document.RootElement).Event?.Sale;
        return stated is not null && stated.Total == (sale.StatedTotal ?? sale.Total) ? stated : null;
    }
}
