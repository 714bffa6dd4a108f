using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace AccountingIntegration.Features.Webhooks;

/// <summary>
/// Where a page of a payload list ends: the last row's place in the list's order (received_at, payload_id, both
/// descending). The next page starts after it by index, however deep, and rows that arrive meanwhile neither repeat
/// nor shift it. Opaque to clients: base64url of "ticks:payload_id".
/// </summary>
internal sealed record PayloadCursor(DateTime ReceivedAt, string PayloadId)
{
    public static PayloadCursor After(WebhookPayloadSummary last) => new(last.ReceivedAt, last.PayloadId);

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(ReceivedAt.Ticks.ToString(CultureInfo.InvariantCulture) + ":" + PayloadId));

    /// <summary>Reads a cursor this service handed out; null for anything else.</summary>
    /// <param name="text">The <c>cursor</c> query parameter.</param>
    public static PayloadCursor? Decode(string text)
    {
        if (text.Length > 200 || !Base64Url.IsValid(text))
        {
            return null;
        }

        var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split(':', 2);
        return parts.Length == 2 && parts[1].Length > 0
               && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTime.MaxValue.Ticks
            ? new PayloadCursor(new DateTime(ticks, DateTimeKind.Utc), parts[1])
            : null;
    }
}
