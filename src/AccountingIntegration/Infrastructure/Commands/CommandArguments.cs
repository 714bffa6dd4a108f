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
            else
            {
                // A switch such as --apply: present, with no value.
                _values[name] = "";
            }
        }
    }

    public string? Optional(string name) => _values.GetValueOrDefault(name) is { Length: > 0 } value ? value : null;

    /// <summary>True when the switch was given (<c>--apply</c>).</summary>
    public bool Flag(string name) => _values.ContainsKey(name);

    /// <summary>A positive whole number, or null when the option is absent.</summary>
    public long? PositiveNumber(string name) => Optional(name) switch
    {
        null => null,
        var text when long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0 => value,
        _ => throw new CommandException($"--{name} must be a positive whole number."),
    };

    public string Required(string name) =>
        Optional(name) is { Length: > 0 } value ? value : throw new CommandException($"--{name} is required.");
}

/// <summary>A command was used wrongly; the message says how to use it right.</summary>
internal sealed class CommandException(string message) : Exception(message);
