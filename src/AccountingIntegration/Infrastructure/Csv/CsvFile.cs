using System.Reflection;
using CsvHelper;
using Microsoft.AspNetCore.Http.Metadata;

namespace AccountingIntegration.Infrastructure.Csv;

/// <summary>
/// A CSV download written while it is read: the header row, then each page of rows as the
/// database returns it, flushed to the client before the next page is fetched, so memory holds
/// one page whatever the export's size.
/// </summary>
internal sealed class CsvFile<T>(string fileName, IReadOnlyList<CsvColumn<T>> columns, Func<CancellationToken, IAsyncEnumerable<IReadOnlyList<T>>> pages)
    : IResult, IEndpointMetadataProvider
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var aborted = httpContext.RequestAborted;
        CsvDownload.Start(response, fileName);

        // Kestrel forbids synchronous writes: records go to the writer's buffer and only the async calls reach the body.
        await using var csv = CsvWriter.Create(response.Body, CsvDownload.Options, leaveOpen: true);
        foreach (var column in columns)
        {
            csv.WriteField(column.Header);
        }

        await csv.EndRecordAsync(aborted);
        await foreach (var page in pages(aborted))
        {
            foreach (var row in page)
            {
                foreach (var column in columns)
                {
                    csv.WriteField(column.Value(row));
                }

                await csv.EndRecordAsync(aborted);
            }

            await csv.FlushAsync(aborted);
        }

        await csv.FlushAsync(aborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), [CsvRequest.ContentType]));
}
