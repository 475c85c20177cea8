namespace Inbox.Sip.Stack;

/// <summary>A final response that refuses a request, with any headers the refusal must carry.</summary>
internal sealed record SipRejection(int StatusCode, string ReasonPhrase, IReadOnlyList<KeyValuePair<string, string>>? Headers = null);
