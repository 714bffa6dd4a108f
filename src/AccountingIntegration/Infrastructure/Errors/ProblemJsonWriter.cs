using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace AccountingIntegration.Infrastructure.Errors;

/// <summary>
/// Writes every problem as <c>application/problem+json</c>, whatever the request's <c>Accept</c> says.
/// The framework's writer declines a client that does not accept JSON (a CSV export, a browser), and
/// then a thrown 404 escapes the exception handler as an empty 500; an API error has one shape only.
/// </summary>
internal sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> options, IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    public const string ContentType = "application/problem+json";

    private const string Rfc9110 = "https://tools.ietf.org/html/rfc9110#section-";

    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        problem.Status ??= http.Response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        problem.Type ??= TypeOf(problem.Status.Value);
        options.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(http.Response.WriteAsJsonAsync(problem, problem.GetType(), json.Value.SerializerOptions, ContentType, http.RequestAborted));
    }

    /// <summary>The status's section of RFC 9110, as the framework's own writer names it.</summary>
    private static string? TypeOf(int status) => status switch
    {
        >= 400 and <= 417 => $"{Rfc9110}15.5.{status - 399}",
        422 => $"{Rfc9110}15.5.21",
        >= 500 and <= 505 => $"{Rfc9110}15.6.{status - 499}",
        _ => null,
    };
}
