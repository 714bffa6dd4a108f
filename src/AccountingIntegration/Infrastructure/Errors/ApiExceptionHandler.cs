using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.QuickBooks;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace AccountingIntegration.Infrastructure.Errors;

/// <summary>
/// Turns exceptions into problem details. Known ones keep their status and code; anything else is
/// logged and answered with a plain 500 that reveals nothing about the internals.
/// </summary>
internal sealed partial class ApiExceptionHandler(
    IProblemDetailsService problemDetails, IEnumerable<IExceptionProblemMap> featureProblems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
            return true;
        }

        if (DatabaseUnavailable.Matches(exception))
        {
            // An outage, not a bug: one warning line per request rather than a stack trace, and a hint to retry.
            LogDatabaseUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, exception.GetType().Name, exception.Message);
            httpContext.Response.Headers.RetryAfter = "5";
            return await WriteAsync(httpContext, exception, StatusCodes.Status503ServiceUnavailable, ErrorCodes.DatabaseUnavailable,
                "The database is unavailable; retry shortly.");
        }

        var mapped = featureProblems.Select(m => m.TryMap(exception)).FirstOrDefault(p => p is not null);
        var (status, code, title, errors) = exception switch
        {
            ApiException e => (e.Status, e.Code, e.Message, e.Errors),
            _ when mapped is not null => (mapped.Status, mapped.Code, mapped.Title, null),
            DuplicateKeyException => (StatusCodes.Status409Conflict, ErrorCodes.Conflict, "A resource with the same unique value already exists.", null),
            BadHttpRequestException e => (e.StatusCode, ErrorCodes.ForStatus(e.StatusCode), BadRequestTitle(e.StatusCode), null),
            QboApiException e => (StatusCodes.Status502BadGateway, ErrorCodes.QboError, "QuickBooks Online refused or failed the request.", null),
            _ => (StatusCodes.Status500InternalServerError, ErrorCodes.InternalError, "An unexpected error occurred. Quote the request id when reporting it.", (IReadOnlyDictionary<string, string[]>?)null),
        };

        if (status >= 500)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        var problem = errors is null
            ? new ProblemDetails { Status = status, Title = title }
            : new HttpValidationProblemDetails(errors.ToDictionary(p => p.Key, p => p.Value)) { Status = status, Title = title };
        problem.Extensions["code"] = code;
        if (exception is QboApiException qbo)
        {
            // QBO's own words help the caller fix the request; nothing here is secret.
            problem.Extensions["qbo"] = new { kind = qbo.Kind.ToString(), status = qbo.Status, code = qbo.Code, message = qbo.QboMessage, detail = qbo.Detail, intuitTid = qbo.IntuitTid };
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private async ValueTask<bool> WriteAsync(HttpContext httpContext, Exception exception, int status, string code, string title)
    {
        httpContext.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title };
        problem.Extensions["code"] = code;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static string BadRequestTitle(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        _ => "The request could not be read.",
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable for {Method} {Path}: {ExceptionType}: {Reason}")]
    private static partial void LogDatabaseUnavailable(ILogger logger, string method, string path, string exceptionType, string reason);
}
