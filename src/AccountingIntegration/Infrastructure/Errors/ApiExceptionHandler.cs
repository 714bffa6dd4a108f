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

    private static string BadRequestTitle(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        _ => "The request could not be read.",
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
