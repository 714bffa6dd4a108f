using System.Data.Common;
using AccountingIntegration.Infrastructure.Configuration;
using Microsoft.AspNetCore.Connections;

namespace AccountingIntegration.Infrastructure.Hosting;

/// <summary>
/// Says in one line, naming the setting to fix, why the service could not start: the database cannot be
/// reached or opened, or the port is taken. These are the operator's environment, not bugs, so a
/// stack trace would only hide the line that matters. Anything else is left to surface in full.
/// </summary>
internal static class StartupFailure
{
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    private static volatile bool _starting;

    public static string? Describe(Exception exception)
    {
        if (Find<StartupException>(exception) is { } startup)
        {
            return $"{startup.Setting}: {FirstLine(startup.Message)}";
        }

        if (Find<AddressInUseException>(exception) is not null)
        {
            // Kestrel's own message names the address it tried ("Failed to bind to address http://…: address already in use.").
            return $"PORT: {FirstLine(exception.Message)} Choose a free port with PORT (or --urls).";
        }

        return Find<DbException>(exception) is { } database
            ? $"DATABASE_URL: the database could not be opened: {FirstLine(database.Message)}"
            : null;
    }

    /// <summary>
    /// While the host starts, a failure escapes <c>StartAsync</c> and Program reports it; the host's own
    /// log line would repeat it with a stack trace, so it is held back for that moment only.
    /// </summary>
    public static async Task StartAsync(WebApplication app)
    {
        _starting = true;
        try
        {
            await app.StartAsync();
        }
        finally
        {
            _starting = false;
        }
    }

    /// <summary>The host's log filter: <paramref name="minimum"/> as everywhere, less its failure line during start.</summary>
    /// <param name="logging">The service's logging.</param>
    /// <param name="minimum">LOG_LEVEL.</param>
    public static void HoldBackHostFailureLog(ILoggingBuilder logging, LogLevel minimum) =>
        logging.AddFilter(HostCategory, level => level >= minimum && !(_starting && level >= LogLevel.Error));

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
