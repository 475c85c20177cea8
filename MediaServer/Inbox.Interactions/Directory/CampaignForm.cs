namespace Inbox.Interactions.Directory;

/// <summary>The form beside an interaction; an external URL gets the interaction's fields substituted.</summary>
internal sealed record CampaignForm(FormKind Kind, string? Url)
{
    public string? Resolve(IReadOnlyDictionary<string, string?> fields)
    {
        if (Url is null)
        {
            return null;
        }

        var url = Url;
        foreach (var (name, value) in fields)
        {
            url = url.Replace("{" + name + "}", Uri.EscapeDataString(value ?? string.Empty), StringComparison.Ordinal);
        }

        return url;
    }
}
