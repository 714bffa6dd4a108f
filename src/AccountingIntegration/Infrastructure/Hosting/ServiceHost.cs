using AccountingIntegration.Infrastructure.Configuration;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AccountingIntegration.Infrastructure.Hosting;

/// <summary>Host-wide defaults shared by every feature: environment, logging, listening address, errors, request ids.</summary>
internal static class ServiceHost
{
    public const string ServiceName = "accounting-integration";

    public static string Version { get; } =
        typeof(ServiceHost).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "unknown";

    private const string NoConfigReload = "--hostBuilder:reloadConfigOnChange=false";

    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        // The seed's ENVIRONMENT (production/development) selects the ASP.NET Core environment.
        var text = System.Environment.GetEnvironmentVariable("ENVIRONMENT")?.Trim();
        var environment = text switch
        {
            null or "" => null,
            var e when e.Equals("production", StringComparison.OrdinalIgnoreCase) => Environments.Production,
            var e when e.Equals("development", StringComparison.OrdinalIgnoreCase) => Environments.Development,
            var e when e.Equals("staging", StringComparison.OrdinalIgnoreCase) => Environments.Staging,
            _ => null,
        };
        // Settings come from the environment; the optional appsettings files are not watched. Watching them means a
        // recursive file watcher over the content root, which under `dotnet run` holds the SQLite database: it woke on
        // every write and took about a fifth of a core under ingest load.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. args, NoConfigReload], EnvironmentName = environment });
        if (!string.IsNullOrEmpty(text) && environment is null)
        {
            // A typo ("prod", "dev") would silently run as Production with Development's expectations, or the reverse.
            builder.AddSettingsProblem($"ENVIRONMENT: '{text}' is not one of production, development, staging.");
        }

        return builder;
    }

    public static void AddServiceDefaults(this WebApplicationBuilder builder)
    {
        builder.AddSettings(problems => HttpOptions.Bind(builder.Configuration, problems));
        // Tests replace the clock with a FakeTimeProvider through Program's overrides.
        builder.Services.TryAddSingleton(TimeProvider.System);
        ConfigureLogging(builder);
        ConfigureListening(builder);
        builder.AddApiErrors();
        // Workers finish in-flight payloads and the audit and usage writers drain within this grace.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        // Browsers may call the API only from ALLOWED_ORIGINS (SPEC §8); with none configured, no CORS headers at all.
        var origins = Settings.List(builder.Configuration, "ALLOWED_ORIGINS").ToArray();
        builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins(origins).AllowAnyHeader().AllowAnyMethod()
            .WithExposedHeaders(RequestIdMiddleware.HeaderName, "Retry-After")));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.DefaultIgnoreCondition =
            System.Text.Json.Serialization.JsonIgnoreCondition.Never);
    }

    /// <summary>Refuses to build while any feature's settings have problems, listing them all at once.</summary>
    public static WebApplication BuildService(this WebApplicationBuilder builder)
    {
        builder.ThrowOnSettingsProblems();
        return builder.Build();
    }

    /// <summary>Every response gets a request id, first of all, so even the earliest refusal carries one.</summary>
    public static void UseRequestIds(this WebApplication app) => app.UseMiddleware<RequestIdMiddleware>();

    /// <summary>Problem details for every error, CORS, then who the caller is and what they may do, then list paging and body charset.</summary>
    public static void UseServiceDefaults(this WebApplication app)
    {
        app.UseApiErrors();
        app.UseCors();
        app.UseAuthentication();
        // Before authorization, so a viewer's write is refused with the same code on every route.
        app.UseMiddleware<ViewerReadOnlyMiddleware>();
        app.UseAuthorization();
        app.UseMiddleware<PagingQueryGuard>();
        app.UseMiddleware<JsonCharsetGuard>();
    }

    private static void ConfigureLogging(WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        if (builder.Environment.IsDevelopment())
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.IncludeScopes = true;
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        }
        else
        {
            // Structured JSON lines for log shippers; scopes carry the request id.
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        var text = Settings.Text(builder.Configuration, "LOG_LEVEL");
        LogLevel? level = text?.ToUpperInvariant() switch
        {
            null or "INFO" or "INFORMATION" => LogLevel.Information,
            "DEBUG" => LogLevel.Debug,
            "TRACE" => LogLevel.Trace,
            "WARNING" or "WARN" => LogLevel.Warning,
            "ERROR" => LogLevel.Error,
            "CRITICAL" => LogLevel.Critical,
            _ => null,
        };
        if (level is null)
        {
            builder.AddSettingsProblem($"LOG_LEVEL: '{text}' is not one of DEBUG, INFO, WARNING, ERROR, CRITICAL.");
        }

        SetLevel(builder, level ?? LogLevel.Information);
    }

    private static void SetLevel(WebApplicationBuilder builder, LogLevel level)
    {
        builder.Logging.SetMinimumLevel(level);
        // Per-request framework chatter drowns our own lines; keep it at warnings.
        builder.Logging.AddFilter("Microsoft.AspNetCore", level > LogLevel.Warning ? level : LogLevel.Warning);
        // The HTTP client factory writes four lines per request and the resilience pipeline more; the QBO client writes
        // one line per call itself (QboCallLogHandler).
        builder.Logging.AddFilter("System.Net.Http.HttpClient", level > LogLevel.Warning ? level : LogLevel.Warning);
        builder.Logging.AddFilter("Polly", level > LogLevel.Warning ? level : LogLevel.Warning);
        StartupFailure.HoldBackHostFailureLog(builder.Logging, level);
        // Whatever levels an operator turns on, no logger writes a token, key or credential.
        builder.Services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(services => new RedactingLoggerFactory(new LoggerFactory(
            services.GetServices<ILoggerProvider>(), services.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            services.GetService<IOptions<LoggerFactoryOptions>>(), services.GetService<IExternalScopeProvider>()))));
    }

    private static void ConfigureListening(WebApplicationBuilder builder)
    {
        // An explicit --urls / ASPNETCORE_URLS wins (tests bind a free port that way).
        var explicitUrls = builder.Configuration[WebHostDefaults.ServerUrlsKey];
        if (string.IsNullOrEmpty(explicitUrls))
        {
            var http = builder.GetSettings<HttpOptions>();
            builder.WebHost.UseUrls($"http://{http.BindAddress}:{http.Port}");
        }
    }
}
