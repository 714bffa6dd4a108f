namespace AccountingIntegration.Infrastructure.Configuration;

/// <summary>Start-up failed for a reason the operator fixes by changing one setting; the message says what to change.</summary>
internal sealed class StartupException(string setting, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Setting { get; } = setting;
}
