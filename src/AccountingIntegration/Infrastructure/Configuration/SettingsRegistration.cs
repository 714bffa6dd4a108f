namespace AccountingIntegration.Infrastructure.Configuration;

/// <summary>
/// Each feature binds its own settings class with <see cref="AddSettings{T}"/>. Problems are
/// collected across every class instead of thrown one at a time, and
/// <see cref="ThrowOnSettingsProblems"/> reports them all together, so one start shows everything to fix.
/// </summary>
internal static class SettingsRegistration
{
    private const string ProblemsKey = "settings-problems";

    /// <summary>Binds a settings class (its <c>Bind</c> records each problem) and registers it as a singleton.</summary>
    public static T AddSettings<T>(this IHostApplicationBuilder builder, Func<List<string>, T> bind)
        where T : class
    {
        var settings = bind(Problems(builder));
        builder.Services.AddSingleton(settings);
        // Later features may build on earlier settings (the OAuth redirect defaults from API_BASE_URL).
        builder.Properties[typeof(T)] = settings;
        return settings;
    }

    /// <summary>Settings a feature added earlier in the composition.</summary>
    public static T GetSettings<T>(this IHostApplicationBuilder builder)
        where T : class =>
        builder.Properties.TryGetValue(typeof(T), out var settings) && settings is T typed
            ? typed
            : throw new InvalidOperationException($"{typeof(T).Name} is bound by a feature added later; add that feature first.");

    /// <summary>Records a problem with a setting the host reads itself (ENVIRONMENT, LOG_LEVEL) rather than a settings class.</summary>
    public static void AddSettingsProblem(this IHostApplicationBuilder builder, string problem) => Problems(builder).Add(problem);

    public static void ThrowOnSettingsProblems(this IHostApplicationBuilder builder)
    {
        var problems = Problems(builder);
        if (problems.Count > 0)
        {
            throw new ConfigurationProblemsException(problems);
        }
    }

    private static List<string> Problems(IHostApplicationBuilder builder)
    {
        if (!builder.Properties.TryGetValue(ProblemsKey, out var value) || value is not List<string> problems)
        {
            problems = [];
            builder.Properties[ProblemsKey] = problems;
        }

        return problems;
    }
}
