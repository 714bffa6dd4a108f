namespace AccountingIntegration.Infrastructure.Hosting;

internal static class NoStoreExtensions
{
    /// <summary>A response carrying a secret must not linger in any cache between us and its reader.</summary>
    public static void NoStore(this HttpResponse response) => response.Headers.CacheControl = "no-store";
}
