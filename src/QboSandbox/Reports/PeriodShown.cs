namespace QboSandbox.Reports;

/// <summary>Which of the period's dates a receivables report's header states, as Intuit's sample of it does.</summary>
internal enum PeriodShown
{
    /// <summary>Neither (CustomerBalance, CustomerBalanceDetail).</summary>
    None,

    /// <summary>Only its end (AgedReceivableDetail).</summary>
    End,

    /// <summary>Its start and end (AgedReceivables).</summary>
    StartAndEnd,
}
