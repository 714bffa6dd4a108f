using AccountingIntegration.Infrastructure.OpenApi;
using Microsoft.AspNetCore.Mvc.ApiExplorer;

namespace AccountingIntegration.Features.Tenancy;

/// <summary>A tenant route closed to source-bound keys answers them 403 KEY_SCOPE_FORBIDDEN (<see cref="SourceBoundKeys"/>).</summary>
internal sealed class SourceBoundKeyProblems : IEndpointProblemSource
{
    public IEnumerable<ProblemCodes> For(ApiDescription endpoint)
    {
        var metadata = new EndpointMetadataCollection(endpoint.ActionDescriptor.EndpointMetadata);
        if (metadata.GetMetadata<TenantRouteMetadata>() is not null && !SourceBoundKeys.AreAllowed(metadata))
        {
            yield return new(StatusCodes.Status403Forbidden, [TenantErrors.KeyScopeForbiddenCode]);
        }
    }
}
