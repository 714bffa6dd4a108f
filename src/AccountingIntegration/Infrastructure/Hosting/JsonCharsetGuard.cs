using System.Text;
using AccountingIntegration.Infrastructure.Errors;
using Microsoft.Net.Http.Headers;

namespace AccountingIntegration.Infrastructure.Hosting;

/// <summary>
/// Refuses a JSON body whose <c>charset</c> .NET cannot decode with 415, before an endpoint binds it. The framework's
/// JSON reader throws a plain InvalidOperationException for such a charset, which would answer 500.
/// </summary>
internal sealed class JsonCharsetGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        // The same reading of the header as the framework's JSON reader (HasJsonContentType, then the charset parameter).
        if (context.Request.HasJsonContentType()
            && MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var contentType)
            && contentType.Charset is { HasValue: true } charset
            && !IsKnown(charset.Value!))
        {
            throw new ApiException(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType,
                "The request body's charset is not supported; send JSON in UTF-8.");
        }

        return next(context);
    }

    private static bool IsKnown(string charset)
    {
        try
        {
            Encoding.GetEncoding(charset);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
