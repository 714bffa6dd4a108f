namespace AccountingIntegration.Infrastructure.Configuration;

/// <summary>Start-up refuses to go on; the message lists every problem, one per line.</summary>
internal sealed class ConfigurationProblemsException(IReadOnlyList<string> problems)
    : Exception("The configuration has problems:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
