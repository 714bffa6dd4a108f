using System.Text.Json.Serialization;

namespace AccountingIntegration.Infrastructure.Hosting;

/// <summary>The success envelope: <c>{ "success": true, "data": … }</c>.</summary>
internal sealed record ApiResponse<T>(T Data)
    where T : notnull
{
    [JsonPropertyOrder(-1)]
    public bool Success { get; init; } = true;
}

/// <summary>A page of a list: the envelope plus <c>pagination</c>.</summary>
internal sealed record PagedResponse<T>(IReadOnlyList<T> Data, Pagination Pagination)
{
    [JsonPropertyOrder(-1)]
    public bool Success { get; init; } = true;
}

internal sealed record Pagination(int Page, int PageSize, long Total)
{
    public int TotalPages => PageSize == 0 ? 0 : (int)((Total + PageSize - 1) / PageSize);
}

internal static class ApiResponse
{
    public static ApiResponse<T> Of<T>(T data)
        where T : notnull => new(data);
}
