using System.Globalization;

namespace AccountingIntegration.Benchmarks.Ingest;

/// <summary>
/// Resident memory of this process (load generator, servers and in-process hosts together), from
/// /proc/self/status. The peak (VmHWM) is reset before each phase by writing 5 to /proc/self/clear_refs,
/// so each phase reports its own peak; where that is not allowed the peak is the process's so far.
/// </summary>
internal static class MemoryProbe
{
    public static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Peak resident set in MiB since the last reset.</summary>
    public static double PeakMiB() => Read("VmHWM:") ?? Environment.WorkingSet / 1024.0 / 1024.0;

    private static double? Read(string field)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    var kib = line[field.Length..].Trim().Split(' ')[0];
                    return double.Parse(kib, CultureInfo.InvariantCulture) / 1024.0;
                }
            }
        }
        catch (IOException)
        {
            return null;
        }

        return null;
    }
}
