namespace Inbox.Media.Sdp;

/// <summary>An attribute the model does not interpret, kept so that it is written back in its original order.</summary>
/// <param name="Name">The name before the colon.</param>
/// <param name="Value">The value after the colon, or null for a property attribute (<c>a=name</c>).</param>
internal readonly record struct SdpAttribute(string Name, string? Value);
