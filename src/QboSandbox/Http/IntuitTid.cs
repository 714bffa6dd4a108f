using System.Globalization;
using System.Security.Cryptography;

namespace QboSandbox.Http;

/// <summary>Every response carries an `intuit_tid` transaction id, as Intuit's do (REFERENCE §1.8, §2.2).</summary>
internal static class IntuitTid
{
    public const string Header = "intuit_tid";

    public static ValueTask<object?> AddHeaderAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        http.Response.Headers[Header] = NewId(http.RequestServices.GetRequiredService<TimeProvider>());
        return next(context);
    }

    /// <summary>Shaped like Intuit's: 1-{epoch seconds hex}-{24 hex}.</summary>
    public static string NewId(TimeProvider time) =>
        string.Create(CultureInfo.InvariantCulture,
            $"1-{time.GetUtcNow().ToUnixTimeSeconds():x8}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}");
}
