using AccountingIntegration.Books;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Signatures;
using AccountingIntegration.Infrastructure.Configuration;

namespace AccountingIntegration.Features.OperatorConsole.Pages.Sources;

/// <summary>
/// What the source's page tells the person setting up the sender: where the webhook goes (the organization's real
/// URL), which events to send, where the vendor keeps the secret and which header carries the signature this
/// service checks, and a curl command that sends a correctly signed test delivery.
/// </summary>
public sealed record SourceSetupView(
    string SourceId,
    string SourceName,
    string Vendor,
    string WebhookUrl,
    string? Secret,
    string SecretHeader,
    bool SignatureChecked,
    IReadOnlyList<string> Steps,
    IReadOnlyList<string> Events,
    string? Caveat,
    string Curl)
{
    /// <summary>The setup of <paramref name="source"/> of the organization <paramref name="slug"/>; <paramref name="secret"/> only right after it was set.</summary>
    internal static SourceSetupView For(WebhookSource source, string slug, HttpOptions http, string? secret)
    {
        var url = new Uri(http.ApiBaseUrl, $"/api/v1/webhook/{Uri.EscapeDataString(slug)}/{Uri.EscapeDataString(source.SourceId)}").ToString();
        var adapter = VendorAdapters.For(source.SourceType);
        var events = adapter?.KnownEvents.Where(e => e.Meaning != EventMeaning.NoMoney).Select(e => e.EventType).ToList() ?? [];
        var signed = source.SignatureScheme != SignatureSchemes.None;
        var header = source.SignatureScheme switch
        {
            SignatureSchemes.Stripe => "Stripe-Signature",
            SignatureSchemes.Shopify => ShopifySignatureVerifier.HeaderName,
            SignatureSchemes.Paddle => "Paddle-Signature",
            SignatureSchemes.HmacSha256 => "X-Webhook-Signature",
            SignatureSchemes.WooCommerce => WooCommerceSignatureVerifier.HeaderName,
            SignatureSchemes.Square => SquareSignatureVerifier.HeaderName,
            SignatureSchemes.PayPal => PayPalSignatureVerifier.TransmissionSigHeader,
            _ => "X-API-Key",
        };
        var (vendor, steps, caveat) = VendorSteps(source, url, signed);
        return new SourceSetupView(source.SourceId, source.Name, vendor, url, secret, header, signed, steps, events, caveat,
            CurlFor(source, url, secret));
    }

    private static (string Vendor, IReadOnlyList<string> Steps, string? Caveat) VendorSteps(WebhookSource source, string url, bool signed)
    {
        return source.SourceType switch
        {
            "stripe" => ("Stripe", [
                "In the Stripe Dashboard open Developers → Webhooks (Workbench) and choose Add destination (Add endpoint).",
                $"Endpoint URL: {url}",
                "Select the events listed below (Your account, the latest API version), then create the destination.",
                "On the destination's page reveal the Signing secret (whsec_…) and set it on this source: choose the stripe scheme and paste it, or rotate the secret below with it.",
                "Stripe signs every delivery in the Stripe-Signature header (t=…,v1=…); this service accepts it within 5 minutes of its timestamp.",
            ], signed ? null : "The source checks no signature yet: choose the stripe scheme and paste the signing secret, or deliveries need an API key."),
            "shopify" => ("Shopify", [
                "In the Shopify admin open Settings → Notifications → Webhooks and choose Create webhook (or add the subscriptions to your app's configuration).",
                $"Format JSON, URL: {url}, the latest webhook API version; one webhook per event listed below.",
                "The signing secret is the key Shopify shows under the webhooks list (\"Your webhooks will be signed with …\"), or for an app its client secret: set it on this source with the shopify scheme.",
                "Shopify signs each delivery in X-Shopify-Hmac-Sha256 (base64 HMAC-SHA256 of the body) and names the event in X-Shopify-Topic; X-Shopify-Webhook-Id makes retries count once.",
            ], signed ? null : "The source checks no signature yet: choose the shopify scheme and paste the signing secret."),
            "paddle" => ("Paddle", [
                "In Paddle open Developer tools → Notifications and choose New destination.",
                $"Type webhook, URL: {url}, and select the events listed below.",
                "Paddle shows the destination's secret key (pdl_ntfset_…): set it on this source with the paddle scheme.",
                "Paddle signs each delivery in Paddle-Signature (ts=…;h1=…); this service accepts it within 5 seconds of its timestamp, so keep the server's clock right.",
            ], signed ? null : "The source checks no signature yet: choose the paddle scheme and paste the secret key."),
            "woocommerce" => ("WooCommerce", [
                "In WordPress open WooCommerce → Settings → Advanced → Webhooks and choose Add webhook.",
                $"Status Active, API version WP REST API Integration v3, Delivery URL: {url}, one webhook per topic listed below.",
                "Secret: the secret of this source (shown once when it was set; rotate it below to see a new one). Set the source's scheme to woocommerce.",
                "WooCommerce signs each delivery in X-WC-Webhook-Signature (base64 HMAC-SHA256 of the body) and names the topic in X-WC-Webhook-Topic. "
                + "Saving the webhook first sends a ping without a signature; this service answers it with 200, so the webhook turns active.",
            ], signed ? null : "The source checks no signature yet: choose the woocommerce scheme (a secret is generated), or deliveries need an API key."),
            "paypal" => ("PayPal", [
                "In the PayPal Developer Dashboard open Apps & Credentials → your app → Webhooks and choose Add Webhook.",
                $"Webhook URL: {url}, and select the event types listed below.",
                "PayPal shows the new webhook's Webhook ID: set it as this source's secret with the paypal scheme. PayPal signs each delivery with its own certificate "
                + "(PAYPAL-TRANSMISSION-SIG, checked with the certificate at PAYPAL-CERT-URL, fetched from paypal.com only) over the transmission id, time, that webhook id and the body's CRC.",
                "The dashboard's Webhooks simulator signs its mock events for no real webhook id, so they are refused; send a sandbox payment to test, or the curl example below with an API key.",
            ], signed ? null : "The source checks no signature yet: choose the paypal scheme and paste the Webhook ID, or deliveries need an API key."),
            "square" => ("Square", [
                "In the Square Developer Console open your application → Webhooks → Subscriptions and choose Add subscription.",
                $"URL: {url} — exactly this: Square signs the URL as registered, so a changed character or a trailing slash makes every signature fail.",
                "Pick the latest API version and the events listed below, save, then copy the subscription's Signature key and set it on this source with the square scheme.",
                "Square signs each delivery in x-square-hmacsha256-signature (base64 HMAC-SHA256 of the URL followed by the body); its event_id makes retries count once.",
            ], signed ? null : "The source checks no signature yet: choose the square scheme and paste the signature key, or deliveries need an API key."),
            "orders" => ("Order events", [
                $"Send each event of your app as an HTTP POST of JSON to {url}, in the order events format (docs/order-events.md): id, type, occurredAt, the order, and a payment's or refund's details.",
                source.SignatureScheme == SignatureSchemes.HmacSha256
                    ? "Sign it: X-Webhook-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"t.body\" keyed with the secret>; it is accepted within 5 minutes of t. While you roll a secret, send one v1= per secret."
                    : signed ? $"Sign it with the {source.SignatureScheme} scheme's header." : "Authenticate with an API key of this organization in X-API-Key.",
                "Give every event its own id and send a retry with the same id: it is stored once. Each payment and refund has its own id too, so it is booked once however often it is sent.",
                "A body the books cannot read fails with every problem named by its path (order.lines[0].unitPrice); fix the sender and replay the payload.",
            ], signed ? null : "The source checks no signature yet: choose the hmac-sha256 scheme (a secret is generated), or deliveries need an API key."),
            _ => ("Generic JSON", [
                $"Send each event as an HTTP POST of JSON to {url}.",
                source.SignatureScheme == SignatureSchemes.HmacSha256
                    ? "Sign it: X-Webhook-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"t.body\" keyed with the secret>; it is accepted within 5 minutes of t. While you roll a secret, send one v1= per secret."
                    : signed ? $"Sign it with the {source.SignatureScheme} scheme's header." : "Authenticate with an API key of this organization in X-API-Key.",
                source.EventTypePath is { } path
                    ? $"Name the event at \"{path}\" in the body: the mapping's event choices are looked up by it."
                    : "The source reads no event type from the body: every event is booked as the mapping's sale says.",
                source.EventIdPath is { } idPath
                    ? $"Give each event a unique id at \"{idPath}\" (or an Idempotency-Key header), so a retry is stored once."
                    : "Send an Idempotency-Key header with your event's id, so a retry is stored once.",
            ], null),
        };
    }

    /// <summary>A shell snippet that sends a test delivery signed as the source's scheme requires, computing the signature with openssl.</summary>
    private static string CurlFor(WebhookSource source, string url, string? secret)
    {
        var lines = new List<string>();
        // Only PayPal holds the key its scheme needs: a test from a shell goes in with an API key instead.
        var signed = source.SignatureScheme is not (SignatureSchemes.None or SignatureSchemes.PayPal);
        lines.Add(signed
            ? $"SECRET={Quote(secret ?? "paste the signing secret here")}"
            : "API_KEY='paste an API key of this organization here'");
        lines.Add("TS=$(date +%s)");
        var (body, extraHeaders) = TestDelivery(source.SourceType);
        lines.Add($"BODY={body}");
        var headers = new List<string>(extraHeaders);
        switch (source.SignatureScheme)
        {
            case SignatureSchemes.Stripe:
            case SignatureSchemes.HmacSha256:
                lines.Add("SIG=$(printf '%s.%s' \"$TS\" \"$BODY\" | openssl dgst -sha256 -hmac \"$SECRET\" -r | cut -d' ' -f1)");
                headers.Add($"\"{(source.SignatureScheme == SignatureSchemes.Stripe ? "Stripe-Signature" : "X-Webhook-Signature")}: t=$TS,v1=$SIG\"");
                break;
            case SignatureSchemes.Paddle:
                lines.Add("SIG=$(printf '%s:%s' \"$TS\" \"$BODY\" | openssl dgst -sha256 -hmac \"$SECRET\" -r | cut -d' ' -f1)");
                headers.Add("\"Paddle-Signature: ts=$TS;h1=$SIG\"");
                break;
            case SignatureSchemes.Shopify:
            case SignatureSchemes.WooCommerce:
                lines.Add("SIG=$(printf '%s' \"$BODY\" | openssl dgst -sha256 -hmac \"$SECRET\" -binary | base64)");
                headers.Add($"\"{(source.SignatureScheme == SignatureSchemes.Shopify ? ShopifySignatureVerifier.HeaderName : WooCommerceSignatureVerifier.HeaderName)}: $SIG\"");
                break;
            case SignatureSchemes.Square:
                lines.Add($"SIG=$(printf '%s%s' {Quote(url)} \"$BODY\" | openssl dgst -sha256 -hmac \"$SECRET\" -binary | base64)");
                headers.Add($"\"{SquareSignatureVerifier.HeaderName}: $SIG\"");
                break;
            default:
                headers.Add("\"X-API-Key: $API_KEY\"");
                break;
        }

        var curl = new List<string> { $"curl -sS -X POST {Quote(url)}", "-H 'Content-Type: application/json'" };
        curl.AddRange(headers.Select(h => "-H " + h));
        curl.Add("--data-raw \"$BODY\"");
        lines.Add(string.Join(" \\\n  ", curl));
        return string.Join("\n", lines);
    }

    /// <summary>An event of the vendor's that moves no money, so the test books nothing; ids carry the time, so each run is a new delivery.</summary>
    private static (string Body, IReadOnlyList<string> Headers) TestDelivery(string sourceType) => sourceType switch
    {
        "stripe" => ("""'{"id":"evt_test_'"$TS"'","object":"event","type":"customer.created","data":{"object":{"id":"cus_test","object":"customer"}}}'""", []),
        "shopify" => ("""'{"id":'"$TS"'}'""", ["'X-Shopify-Topic: orders/delete'", "\"X-Shopify-Webhook-Id: test-$TS\""]),
        "paddle" => ("""'{"event_id":"evt_test_'"$TS"'","event_type":"customer.updated","notification_id":"ntf_test_'"$TS"'","data":{"id":"ctm_test"}}'""", []),
        "woocommerce" => ("""'{"id":'"$TS"'}'""", ["'X-WC-Webhook-Topic: order.deleted'", "\"Idempotency-Key: test-$TS\""]),
        "paypal" => ("""'{"id":"WH-TEST-'"$TS"'","event_type":"BILLING.PLAN.CREATED","resource":{"id":"P-TEST"}}'""", []),
        "square" => ("""'{"merchant_id":"TEST","type":"webhooks.test_notification","event_id":"test-'"$TS"'","data":{}}'""", []),
        "orders" => ("""'{"id":"test-'"$TS"'","type":"test.delivery","order":{"id":"test"}}'""", []),
        _ => ("""'{"event":"test.delivery","id":"test-'"$TS"'","note":"a test delivery from the console"}'""", ["\"Idempotency-Key: test-$TS\""]),
    };

    /// <summary>Single-quoted for a POSIX shell: a quote inside becomes '\''.</summary>
    internal static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
