using System.Net;

namespace QboSandbox;

/// <summary>The sandbox has an unauthenticated control API, so it binds to loopback unless explicitly allowed.</summary>
internal static class LoopbackGuard
{
    public static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal),
                UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }

    public static void Ensure(IEnumerable<string> urls, bool allowNonLoopback)
    {
        var remote = urls.FirstOrDefault(u => !IsLoopback(u));
        if (remote is not null && !allowNonLoopback)
        {
            throw new InvalidOperationException(
                $"Refusing to bind the QBO sandbox to {remote}: only loopback addresses are allowed unless AllowNonLoopback is set (--allow-non-loopback).");
        }
    }
}
