namespace AccountingIntegration.Infrastructure.Security;

/// <summary>Marks a write a viewer may make: their own session and password, or a POST that changes nothing.</summary>
internal sealed class ViewerAllowedMetadata;

/// <summary>Which requests are writes a viewer may not make (<see cref="ViewerReadOnlyMiddleware"/>).</summary>
internal static class ViewerWrites
{
    private static readonly HashSet<string> WriteMethods = new(["POST", "PUT", "PATCH", "DELETE"], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A write method on an endpoint mapped for it and not marked as allowed. An unmatched path or
    /// method is left to answer its own 404 or 405.
    /// </summary>
    public static bool IsRefusedWrite(string method, EndpointMetadataCollection? metadata) =>
        WriteMethods.Contains(method)
        && metadata?.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(method, StringComparer.OrdinalIgnoreCase) == true
        && metadata.GetMetadata<ViewerAllowedMetadata>() is null;
}

internal static class ViewerWriteExtensions
{
    /// <summary>Lets a viewer call this write: only for their own session or password, or a POST that stores nothing.</summary>
    public static TBuilder AllowViewer<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ViewerAllowedMetadata());
}
