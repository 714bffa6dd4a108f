using AccountingIntegration.Infrastructure.Errors;

namespace AccountingIntegration.Features.Mapping.Admin;

/// <summary>Collects every problem of a request, several per field, so the caller fixes them in one round.</summary>
internal sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public int Count => _errors.Count;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            messages = [];
            _errors[field] = messages;
        }

        messages.Add(message);
    }

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw ApiException.Validation(_errors.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal));
        }
    }
}
