namespace Inbox.Interactions.Directory;

/// <summary>Which form an agent's UI shows beside an interaction.</summary>
internal enum FormKind
{
    None,
    BuiltInCrm,
    InternalForm,
    ExternalUrl,
}
