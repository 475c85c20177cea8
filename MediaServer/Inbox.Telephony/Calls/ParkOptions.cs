namespace Inbox.Telephony.Calls;

/// <summary>The park lot (configuration section <c>Telephony:Park</c>). Read once at start.</summary>
internal sealed class ParkOptions
{
    /// <summary>The number of the first slot; the others follow it. Default 701.</summary>
    public int FirstSlot { get; set; } = 701;

    /// <summary>How many calls can be parked at once. Default 10.</summary>
    public int Slots { get; set; } = 10;

    /// <summary>How long a call stays parked before it rings back the agent who parked it. Default 2 minutes.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);
}
