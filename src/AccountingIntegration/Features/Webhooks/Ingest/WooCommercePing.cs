using System.Text;
using System.Text.RegularExpressions;
using AccountingIntegration.Features.Webhooks.Signatures;
using AccountingIntegration.Infrastructure.Hosting;

namespace AccountingIntegration.Features.Webhooks.Ingest;

/// <summary>
/// WooCommerce checks a webhook's delivery URL when the webhook is saved by posting <c>webhook_id=&lt;id&gt;</c>
/// (form style, no signature, no X-WC headers) and refuses to activate it unless the answer is HTTP 200
/// (<c>WC_Webhook::deliver_ping</c> in woocommerce/woocommerce, <c>plugins/woocommerce/includes/class-wc-webhook.php</c>).
/// The ping is answered 200 for a WooCommerce source of the organization named in the path; nothing is stored and
/// nothing is revealed beyond that the URL is right. Anything else that is not JSON still gets the endpoint's 415.
/// </summary>
internal static partial class WooCommercePing
{
    /// <summary>"webhook_id=" and a post id; far shorter than this.</summary>
    private const int MaxBytes = 64;

    public static RouteGroupBuilder AnswerWooCommercePings(this RouteGroupBuilder group) => group.AddEndpointFilter(async (context, next) =>
    {
        var request = context.HttpContext.Request;
        if (!IsCandidate(request))
        {
            return await next(context);
        }

        var webhookId = await ReadWebhookIdAsync(request, context.HttpContext.RequestAborted) ?? throw IngestErrors.UnsupportedMediaType();
        var routeValues = request.RouteValues;
        var authentication = context.HttpContext.RequestServices.GetRequiredService<WebhookAuthentication>();
        var source = await authentication.FindPathSourceAsync((string)routeValues["slug"]!, routeValues["sourceId"] as string, context.HttpContext.RequestAborted);
        if (source.SourceType != "woocommerce" && source.SignatureScheme != SignatureSchemes.WooCommerce)
        {
            throw IngestErrors.UnsupportedMediaType();
        }

        return TypedResults.Ok(ApiResponse.Of(new WooCommercePingAnswer(webhookId, source.SourceId, "WooCommerce's ping was answered; nothing was stored.")));
    });

    /// <summary>Not JSON, short, and without WooCommerce's signature header: what a ping looks like before its body is read.</summary>
    private static bool IsCandidate(HttpRequest request) =>
        !WebhookBody.IsJson(request.ContentType)
        && request.ContentLength is null or <= MaxBytes
        && !request.Headers.ContainsKey(WooCommerceSignatureVerifier.HeaderName);

    private static async Task<string?> ReadWebhookIdAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxBytes + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }

        if (total > MaxBytes)
        {
            return null;
        }

        var match = PingBody().Match(Encoding.ASCII.GetString(buffer, 0, total));
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"^webhook_id=([0-9]{1,20})$", RegexOptions.CultureInvariant)]
    private static partial Regex PingBody();
}

/// <summary>The 200 for WooCommerce's ping: which of its webhooks asked and which source answered.</summary>
internal sealed record WooCommercePingAnswer(string WebhookId, string SourceId, string Message);
