using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Telemetry;

namespace AccountingIntegration.Features.Webhooks.Ingest;

/// <summary>Counts the deliveries the webhook endpoints refuse, by problem code (a fixed set of constants, never free text).</summary>
internal static class IngestMetrics
{
    public static RouteGroupBuilder CountRefusals(this RouteGroupBuilder group) => group.AddEndpointFilter(async (context, next) =>
    {
        try
        {
            return await next(context);
        }
        catch (ApiException e)
        {
            context.HttpContext.RequestServices.GetRequiredService<ServiceMetrics>().WebhookRefused(e.Code);
            throw;
        }
    });
}
