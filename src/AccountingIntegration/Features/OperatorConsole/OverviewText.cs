using System.Globalization;

namespace AccountingIntegration.Features.OperatorConsole;

/// <summary>The overview's figures in words: rates, shares and ages as a bookkeeper reads them.</summary>
internal static class OverviewText
{
    public static string Rate(double perMinute) => perMinute.ToString(perMinute >= 10 ? "0" : "0.##", CultureInfo.InvariantCulture) + " a minute";

    public static string Percent(double? share) => share is { } s ? (s * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %" : "none finished yet";

    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    public static string Age(double? seconds)
    {
        if (seconds is not { } s)
        {
            return "nothing overdue";
        }

        var span = TimeSpan.FromSeconds(Math.Max(0, s));
        return span.TotalMinutes < 1 ? $"{span.Seconds} s"
            : span.TotalHours < 1 ? $"{span.Minutes} min {span.Seconds} s"
            : span.TotalDays < 1 ? $"{(int)span.TotalHours} h {span.Minutes} min"
            : $"{(int)span.TotalDays} d {span.Hours} h";
    }

    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    public static string Minute(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string Milliseconds(double? ms) => ms is { } m ? m.ToString("0", CultureInfo.InvariantCulture) + " ms" : "—";

    /// <summary>A connection's state in words.</summary>
    public static string Connection(OrganizationConnection? connection) => connection?.SyncStatus switch
    {
        null => "not connected",
        Connections.ConnectionStatus.Connected => "connected",
        Connections.ConnectionStatus.RefreshFailed => "broken: reconnect",
        var other => other,
    };

    /// <summary>The status class (colour) of a connection state; the words beside it carry the meaning too.</summary>
    public static string ConnectionClass(OrganizationConnection? connection, string? attention) => connection?.SyncStatus switch
    {
        Connections.ConnectionStatus.RefreshFailed => "bad",
        _ when attention is not null => "warn",
        Connections.ConnectionStatus.Connected => "ok",
        _ => "warn",
    };
}
