namespace AccountingIntegration.Infrastructure.QuickBooks;

/// <summary>
/// Whether this build carries the local QBO sandbox. A development tool: the production image is
/// published with <c>-p:IncludeLocalSandbox=false</c>, which leaves the emulator's assembly and its
/// host out, and settings then refuse LOCAL_QBO_SANDBOX.
/// </summary>
internal static class LocalSandboxBuild
{
#if LOCAL_SANDBOX
    public const bool Included = true;
#else
    public const bool Included = false;
#endif
}
