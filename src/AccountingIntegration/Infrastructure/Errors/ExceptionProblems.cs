namespace AccountingIntegration.Infrastructure.Errors;

/// <summary>How an exception reads as an HTTP problem: status, stable code and title.</summary>
internal sealed record ExceptionProblem(int Status, string Code, string Title);

/// <summary>
/// Lets a feature say how its own domain exceptions become problem responses, so that code shared
/// with background work (which never answers HTTP) can throw plain exceptions.
/// </summary>
internal interface IExceptionProblemMap
{
    ExceptionProblem? TryMap(Exception exception);
}

internal static class ExceptionProblemRegistration
{
    public static void AddExceptionProblem<TException>(this IServiceCollection services, Func<TException, ExceptionProblem> map)
        where TException : Exception =>
        services.AddSingleton<IExceptionProblemMap>(new ExceptionProblemMap<TException>(map));

    private sealed class ExceptionProblemMap<TException>(Func<TException, ExceptionProblem> map) : IExceptionProblemMap
        where TException : Exception
    {
        public ExceptionProblem? TryMap(Exception exception) => exception is TException typed ? map(typed) : null;
    }
}
