using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AccountingIntegration.Features.Alerts;

/// <summary>
/// Signs an alert the way Stripe signs its events, so a receiver can reuse what it knows:
/// <c>X-Alert-Signature: t={unix seconds},v1={hex HMAC-SHA256 of "{t}.{body}" with the destination's secret}</c>.
/// The timestamp is inside the signed text, so a captured request cannot be replayed later with a new one;
/// the receiver refuses a timestamp far from its own clock (docs/alerts.md shows the check).
/// </summary>
internal static class AlertSignature
{
    public const string Header = "X-Alert-Signature";

    public static string Create(string secret, DateTimeOffset at, string body)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }
}
