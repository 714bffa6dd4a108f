using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AccountingIntegration.Infrastructure.Errors;

internal static class ErrorHandlingExtensions
{
    /// <summary>
    /// Every error leaves as RFC 9457 problem details carrying <c>success: false</c>, a stable
    /// <c>code</c> and the request id, whether it came from an exception, an unknown route or a
    /// status code set by the framework (405, 415…), and whatever the request's <c>Accept</c> says.
    /// </summary>
    public static void AddApiErrors(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var extensions = context.ProblemDetails.Extensions;
            extensions["success"] = false;
            if (!extensions.ContainsKey("code"))
            {
                extensions["code"] = ErrorCodes.ForStatus(context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode);
            }

            extensions.Remove("traceId");
            extensions["requestId"] = context.HttpContext.TraceIdentifier;
        });
        // Ours answers every client; the framework's answers only those that accept JSON.
        builder.Services.RemoveAll<IProblemDetailsWriter>();
        builder.Services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.AddSingleton<IDeveloperPageExceptionFilter, NoDeveloperExceptionPage>();
    }

    public static void UseApiErrors(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
    }
}
