namespace QboSandbox.Faults;

/// <summary>Checks a fault rule before it is stored, so a bad rule fails when added, not when it fires.</summary>
internal static class FaultRuleValidation
{
    public static string? Problem(FaultRuleRequest rule)
    {
        if (rule.FaultType is { } type && !CannedFaults.IsKnown(type))
        {
            return $"Unknown faultType {type}.";
        }

        if (rule.Probability is < 0 or > 1 || rule.Count is < 0 || rule.LatencyMs is < 0)
        {
            return "probability must be 0..1; count and latencyMs must not be negative.";
        }

        if (rule.Drop is { } drop && !drop.Equals("beforeCommit", StringComparison.OrdinalIgnoreCase)
            && !drop.Equals("afterCommit", StringComparison.OrdinalIgnoreCase))
        {
            return "drop must be beforeCommit or afterCommit.";
        }

        return rule.Status is null && rule.FaultType is null && rule.Drop is null && rule.LatencyMs is null && rule.ForgetRequestId is not true
            ? "Give status, faultType, drop, latencyMs or forgetRequestId."
            : null;
    }
}
