namespace AccountingIntegration.Infrastructure.Commands;

/// <summary>The <c>--option value</c> pairs after a command's name.</summary>
internal sealed class CommandArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    public CommandArguments(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                continue;
            }

            var name = args[i][2..];
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                _values[name[..equals]] = name[(equals + 1)..];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                _values[name] = args[++i];
            }
        }
    }

    public string? Optional(string name) => _values.GetValueOrDefault(name);

    public string Required(string name) =>
        Optional(name) is { Length: > 0 } value ? value : throw new CommandException($"--{name} is required.");
}

/// <summary>A command was used wrongly; the message says how to use it right.</summary>
internal sealed class CommandException(string message) : Exception(message);
