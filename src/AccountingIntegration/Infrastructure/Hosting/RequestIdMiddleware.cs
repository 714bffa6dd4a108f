using System.Buffers;
using System.Diagnostics;
using AccountingIntegration.Infrastructure.Telemetry;

namespace AccountingIntegration.Infrastructure.Hosting;

/// <summary>
/// Gives every request an id: the caller's <c>X-Request-Id</c> when it is a short safe token,
/// otherwise a new one. It becomes <see cref="HttpContext.TraceIdentifier"/>, is echoed in the
/// response header, appears in problem details and scopes every log line of the request.
/// </summary>
internal sealed class RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> logger)
{
    public const string HeaderName = "X-Request-Id";

    private static readonly SearchValues<char> SafeChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:");

    public async Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[HeaderName].ToString();
        var requestId = IsSafe(incoming) ? incoming : Guid.CreateVersion7().ToString("N");
        context.TraceIdentifier = requestId;
        // The request's span carries the id too, so a trace is found from a log line or a problem response.
        Activity.Current?.SetTag(ServiceActivities.RequestIdTag, requestId);
        // Set as the response starts, not now: the exception handler clears the headers before it answers.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[HeaderName] = requestId;
            return Task.CompletedTask;
        });

        using (logger.BeginScope(LogScope.Of("RequestId", requestId)))
        {
            await next(context);
        }
    }

    // Anything else could forge log lines or headers; it is replaced, not trusted.
    private static bool IsSafe(string value) =>
        value.Length is > 0 and <= 64 && !value.AsSpan().ContainsAnyExcept(SafeChars);
}
