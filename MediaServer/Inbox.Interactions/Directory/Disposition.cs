using System.Collections.Immutable;

namespace Inbox.Interactions.Directory;

/// <summary>A disposition code in a campaign's tree; a full code is the path of codes, e.g. <c>sale/upsell</c>.</summary>
internal sealed record Disposition(string Code, string Name, ImmutableArray<Disposition> Children)
{
    public bool IsLeaf => Children.IsEmpty;

    public static ImmutableArray<Disposition> From(IEnumerable<DispositionOptions> options) =>
        [.. options.Select(o => new Disposition(o.Code, o.Name, From(o.Children)))];

    /// <summary>Finds the disposition a path names; only a leaf closes an interaction.</summary>
    public static Disposition? Find(ImmutableArray<Disposition> tree, string path)
    {
        Disposition? found = null;
        var level = tree;
        foreach (var code in path.Split('/'))
        {
            found = level.FirstOrDefault(d => d.Code == code);
            if (found is null)
            {
                return null;
            }

            level = found.Children;
        }

        return found;
    }
}
