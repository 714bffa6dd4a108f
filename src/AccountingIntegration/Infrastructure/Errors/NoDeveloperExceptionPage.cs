using Microsoft.AspNetCore.Diagnostics;

namespace AccountingIntegration.Infrastructure.Errors;

/// <summary>
/// In Development the host wraps the whole pipeline in the developer exception page, which shows a
/// stack trace and echoes the request's headers (API keys, bearer tokens) for any exception that
/// escapes our own middleware. This filter hands such an exception to the service's exception
/// handler instead, so the page never renders and the caller gets the usual problem details.
/// </summary>
internal sealed class NoDeveloperExceptionPage(IEnumerable<IExceptionHandler> handlers) : IDeveloperPageExceptionFilter
{
    public async Task HandleExceptionAsync(ErrorContext errorContext, Func<ErrorContext, Task> next)
    {
        var http = errorContext.HttpContext;
        foreach (var handler in handlers)
        {
            if (await handler.TryHandleAsync(http, errorContext.Exception, http.RequestAborted))
            {
                return;
            }
        }

        // Deliberately not next(errorContext): without a handler the caller gets the page's bare 500.
    }
}
