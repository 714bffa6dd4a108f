namespace AccountingIntegration.Infrastructure.Data;

/// <summary>Row ids are UUIDv7 strings: unique without coordination and sortable by creation time.</summary>
internal static class Ids
{
    public static string New(TimeProvider time) => Guid.CreateVersion7(time.GetUtcNow()).ToString();
}
