namespace QboSandbox.Faults;

internal static partial class Log
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Injected fault {RuleId} fired on {Method} {Path}")]
    public static partial void FaultFired(ILogger logger, int ruleId, string method, string path);
}
