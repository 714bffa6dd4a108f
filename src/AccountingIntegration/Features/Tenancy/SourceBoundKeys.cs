namespace AccountingIntegration.Features.Tenancy;

/// <summary>Marks a tenant route that a key bound to one source may call (it then sees only that source's data).</summary>
internal sealed class SourceBoundKeysAllowedMetadata;

/// <summary>Marks a route whose caller <see cref="TenantResolver"/> decides, so the API document can name its refusals.</summary>
internal sealed class TenantRouteMetadata;

/// <summary>
/// The scope of an API key bound to a source: it sends webhooks to that source and reads that
/// source's payloads, nothing more. Every tenant route refuses it with 403 KEY_SCOPE_FORBIDDEN
/// unless marked with <see cref="AllowSourceBoundKeys{TBuilder}"/>, so a new route is closed to it by default.
/// </summary>
internal static class SourceBoundKeys
{
    /// <summary>Lets a source-bound key call this route; the handler must narrow what it shows to <see cref="TenantContext.BoundSourceId"/>.</summary>
    public static TBuilder AllowSourceBoundKeys<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new SourceBoundKeysAllowedMetadata());

    public static bool AreAllowed(EndpointMetadataCollection? metadata) => metadata?.GetMetadata<SourceBoundKeysAllowedMetadata>() is not null;
}
