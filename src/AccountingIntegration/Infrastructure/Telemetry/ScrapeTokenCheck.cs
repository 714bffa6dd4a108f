using System.Security.Cryptography;
using System.Text;
using AccountingIntegration.Infrastructure.Errors;

namespace AccountingIntegration.Infrastructure.Telemetry;

/// <summary>
/// With METRICS_TOKEN set, <c>/metrics</c> answers only a bearer of that token (Prometheus' <c>authorization</c> setting).
/// The refusal is thrown so the service's error handler answers it as problem JSON, like every other 401.
/// </summary>
internal sealed class ScrapeTokenCheck(RequestDelegate next, TelemetryOptions options)
{
    public const string TokenRequiredCode = "METRICS_TOKEN_REQUIRED";

    public Task InvokeAsync(HttpContext context)
    {
        if (options.MetricsToken is { } expected && !Matches(context.Request.Headers.Authorization.ToString(), expected))
        {
            throw new ApiException(StatusCodes.Status401Unauthorized, TokenRequiredCode, "Send the scrape token as Authorization: Bearer <METRICS_TOKEN>.");
        }

        return next(context);
    }

    // Fixed-time, so the answer's timing says nothing about how much of a guess was right.
    private static bool Matches(string header, string expected) =>
        header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()), Encoding.UTF8.GetBytes(expected));
}
