namespace AccountingIntegration.Features.Proxy;

internal static class ProxyExtensions
{
    /// <summary>Read-only QBO access; transient like the typed QBO client it holds.</summary>
    public static void AddProxy(this IHostApplicationBuilder builder) => builder.Services.AddTransient<QboProxy>();
}
