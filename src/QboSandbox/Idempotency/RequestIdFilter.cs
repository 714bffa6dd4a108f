using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Idempotency;

/// <summary>
/// `requestid` (REFERENCE §2.4): the same realm and requestid get the first response again, byte for
/// byte, and nothing runs twice. At most 50 characters (36 on batch).
/// </summary>
internal static class RequestIdFilter
{
    private const int MaxLength = 50;
    private const int MaxBatchLength = 36;

    public static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var requestId = http.Request.Query["requestid"].ToString();
        if (requestId.Length == 0)
        {
            return await next(context).ConfigureAwait(false);
        }

        var state = http.RequestServices.GetRequiredService<SandboxState>();
        var isBatch = http.Request.Path.Value?.EndsWith("/batch", StringComparison.OrdinalIgnoreCase) == true;
        var max = isBatch ? MaxBatchLength : MaxLength;
        if (requestId.Length > max)
        {
            return QboFault.Result(StatusCodes.Status400BadRequest,
                QboException.LengthOutOfRange("requestid", max, requestId.Length), state.Time.GetUtcNow());
        }

        var realmId = http.Request.RouteValues["realmId"] as string ?? "";
        return await state.Idempotency.RunAsync(realmId, requestId, () => next(context).AsTask()).ConfigureAwait(false);
    }
}
