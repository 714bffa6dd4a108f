namespace AccountingIntegration.Mapping;

/// <summary>
/// The seed's merge order: priority ascending, then template → override → source mapping, then creation
/// time; the id breaks the last tie so that the order, and therefore the result, never depends on input order.
/// </summary>
internal sealed class LayerOrder : IComparer<MappingLayer>
{
    public static LayerOrder Instance { get; } = new();

    public int Compare(MappingLayer? x, MappingLayer? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var byPriority = x.Priority.CompareTo(y.Priority);
        if (byPriority != 0)
        {
            return byPriority;
        }

        var byKind = x.Kind.CompareTo(y.Kind);
        if (byKind != 0)
        {
            return byKind;
        }

        var byCreation = x.CreatedAtUtc.CompareTo(y.CreatedAtUtc);
        return byCreation != 0 ? byCreation : string.CompareOrdinal(x.Id, y.Id);
    }
}
