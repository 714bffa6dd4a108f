using Microsoft.Extensions.DependencyInjection.Extensions;
using QboSandbox.State;

namespace QboSandbox;

public static class SandboxServiceCollectionExtensions
{
    /// <summary>
    /// Registers the sandbox's options and state. TimeProvider is only TryAdd-ed: a host or test that
    /// registered its own (e.g. FakeTimeProvider) drives token expiry and throttle windows.
    /// </summary>
    public static IServiceCollection AddQboSandbox(this IServiceCollection services, Action<SandboxOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new SandboxOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(sp => new SandboxState(
            options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));

        // Saves SandboxOptions.StateFile after changes and at shutdown; idle when no file is set.
        services.AddHostedService<StatePersistence>();

        // Sends webhook notifications periodically and retries failed ones, on the sandbox's TimeProvider.
        services.AddHostedService<Webhooks.WebhookDispatcher>();
        return services;
    }
}
