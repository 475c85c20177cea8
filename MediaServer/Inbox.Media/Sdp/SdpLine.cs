namespace Inbox.Media.Sdp;

/// <summary>
/// A line the model keeps verbatim (<c>i= u= e= p= b= r= z= k=</c> and extra <c>t=</c>); the writer puts it back at
/// its RFC 8866 §5 position.
/// </summary>
/// <param name="Type">The line's type letter.</param>
/// <param name="Value">Everything after the <c>=</c>.</param>
internal readonly record struct SdpLine(char Type, string Value);
