namespace AccountingIntegration.Features.Tenancy;

/// <summary>
/// Guards every tenant route of a group, including those whose handler does not ask for the
/// <see cref="TenantContext"/>: the request only reaches the handler once <see cref="TenantResolver"/> accepted it.
/// </summary>
internal sealed class TenantAccessFilter(TenantResolver resolver) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        await resolver.ResolveAsync(context.HttpContext);
        return await next(context);
    }
}
