using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace AccountingIntegration.Infrastructure.OpenApi;

/// <summary>Any endpoint can fail unexpectedly; the exception handler answers 500 INTERNAL_ERROR without internals.</summary>
internal sealed class ServerErrorProblems : IEndpointProblemSource
{
    public IEnumerable<ProblemCodes> For(ApiDescription endpoint) =>
        [new(StatusCodes.Status500InternalServerError, [ErrorCodes.InternalError])];
}

/// <summary>
/// What the framework refuses before the handler runs: a JSON body that is not JSON (400) or not sent
/// as JSON (415), and a query, route or header value that does not parse as its type (400). Each is
/// answered by the status-code problem writer with the status's own code.
/// </summary>
internal sealed class RequestBindingProblems : IEndpointProblemSource
{
    public IEnumerable<ProblemCodes> For(ApiDescription endpoint)
    {
        var parameters = endpoint.ParameterDescriptions;
        if (parameters.Any(p => p.Source == BindingSource.Body))
        {
            yield return new(StatusCodes.Status400BadRequest, [ErrorCodes.BadRequest]);
            yield return new(StatusCodes.Status415UnsupportedMediaType, [ErrorCodes.UnsupportedMediaType]);
        }
        else if (parameters.Any(p => IsParsed(p) && p.Type != typeof(string)))
        {
            yield return new(StatusCodes.Status400BadRequest, [ErrorCodes.BadRequest]);
        }
    }

    private static bool IsParsed(ApiParameterDescription parameter) =>
        parameter.Source == BindingSource.Query || parameter.Source == BindingSource.Path || parameter.Source == BindingSource.Header;
}

/// <summary>
/// A write that takes an operator token refuses a viewer's with 403 ADMIN_ROLE_REQUIRED
/// (<see cref="ViewerReadOnlyMiddleware"/>), unless the route lets viewers call it.
/// </summary>
internal sealed class ViewerWriteProblems : IEndpointProblemSource
{
    public IEnumerable<ProblemCodes> For(ApiDescription endpoint)
    {
        var metadata = new EndpointMetadataCollection(endpoint.ActionDescriptor.EndpointMetadata);
        if (endpoint.HttpMethod is { } method && ViewerWrites.IsRefusedWrite(method, metadata)
            && metadata.AcceptedCredentials().HasFlag(ApiCredentials.OperatorToken))
        {
            yield return new(StatusCodes.Status403Forbidden, [ErrorCodes.AdminRoleRequired]);
        }
    }
}
