using System.Net;
using AccountingIntegration.Infrastructure.Configuration;
using AccountingIntegration.Infrastructure.QuickBooks.Budget;
using AccountingIntegration.Infrastructure.QuickBooks.Metering;
using AccountingIntegration.Infrastructure.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace AccountingIntegration.Infrastructure.QuickBooks;

internal static class QuickBooksExtensions
{
    public static void AddQuickBooks(this IHostApplicationBuilder builder)
    {
        var http = builder.GetSettings<HttpOptions>();
        builder.AddSettings(problems => QboOptions.Bind(builder.Configuration, builder.Environment.IsDevelopment(), http.ApiBaseUrl, problems));
        // Every instance on the database draws each company's QBO budget from it, and a restart finds the minute's grants.
        builder.Services.AddSingleton<IRealmBudgetStore, DatabaseRealmBudgetStore>();
        builder.Services.AddHostedService<RealmBudgetShutdown>();
        builder.Services.AddQboClients();
        builder.Services.AddQboReadMetering();
#if LOCAL_SANDBOX
        builder.Services.AddHostedService<LocalSandbox.LocalSandboxHost>();
#endif
    }

    /// <summary>The typed Intuit OAuth and QBO clients over a registered <see cref="QboOptions"/>, with QBO's per-realm limits.</summary>
    public static IServiceCollection AddQboClients(this IServiceCollection services)
    {
        // The limiter's windows run on the injected clock; the host registers it, a bare collection gets the system's.
        services.TryAddSingleton(TimeProvider.System);
        // A bare collection has no database: the budget stays in memory, for this process alone.
        services.TryAddSingleton<IRealmBudgetStore, MemoryRealmBudgetStore>();
        services.AddSingleton<QboRealmLimiter>();
        services.AddSingleton<QboClock>();
        services.AddServiceMetrics();
        services.AddTransient<RealmLimitHandler>();
        services.AddHttpClient<IntuitOAuthClient>(c => c.Timeout = TimeSpan.FromSeconds(30));

        // Outer to inner: the call log, total timeout, retry, per-attempt timeout, then the realm limiter, so each
        // attempt waits for its own permit and a retry cannot burst past QBO's limits.
        var qbo = services.AddHttpClient<QboClient>(c => c.Timeout = Timeout.InfiniteTimeSpan);
        // Outermost of all: one log line per call as the caller sees it, retries included.
        services.AddTransient<QboCallLogHandler>();
        qbo.AddHttpMessageHandler<QboCallLogHandler>();
        qbo.AddResilienceHandler("qbo", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<QboOptions>();
            // Requests over 120 s time out at QBO anyway (REFERENCE §6): the whole call, retries included, stops there.
            pipeline.AddTimeout(TimeSpan.FromSeconds(120));
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 3,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(30),
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(ShouldResend(args.Context.GetRequestMessage(), args.Outcome)),
            });
            pipeline.AddTimeout(options.RequestTimeout);
        });
        qbo.AddHttpMessageHandler<RealmLimitHandler>();
        // Innermost: each request QBO receives is counted and timed, retries one by one.
        services.AddTransient<QboMetricsHandler>();
        qbo.AddHttpMessageHandler<QboMetricsHandler>();
        return services;
    }

    /// <summary>
    /// QBO reads per company and month, shared by every instance through the database: Intuit meters them per app and
    /// month (REFERENCE §9), so the figure behind the metric and the budget alert must add up across instances and restarts.
    /// </summary>
    private static void AddQboReadMetering(this IServiceCollection services)
    {
        services.AddSingleton<QboReadUsageStore>();
        services.AddSingleton<QboReadFlusher>();
        services.AddHostedService(sp => sp.GetRequiredService<QboReadFlusher>());
        services.AddSingleton<IObservedMetrics, QboReadMetrics>();
    }

    /// <summary>
    /// A transient failure is resent when repeating is safe, except that a caller who resolves uncertain outcomes itself
    /// gets back everything but a throttle refusal (QBO answers 429 before it processes anything).
    /// </summary>
    private static bool ShouldResend(HttpRequestMessage? request, Outcome<HttpResponseMessage> outcome) =>
        IsSafeToRetry(request) && IsTransient(outcome)
        && (!CallerResolvesUncertainty(request!) || outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests);

    private static bool CallerResolvesUncertainty(HttpRequestMessage request) =>
        request.Options.TryGetValue(QboRequestOptions.CallerResolvesUncertainty, out var resolves) && resolves;

    /// <summary>Reads are always safe to repeat; writes only when QBO can recognise the repeat by its requestid.</summary>
    private static bool IsSafeToRetry(HttpRequestMessage? request) =>
        request is not null && (request.Method == HttpMethod.Get || (request.RequestUri?.Query.Contains("requestid=", StringComparison.Ordinal) ?? false));

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or Polly.Timeout.TimeoutRejectedException } => true,
        { Result: { } response } => response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
            or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout,
        _ => false,
    };
}
