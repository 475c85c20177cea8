namespace Inbox.Media.Quality;

/// <summary>The traffic-light summary of a leg's audio quality shown to agents and supervisors.</summary>
internal enum QualityColor
{
    /// <summary>Good: MOS at or above <see cref="QualityOptions.GreenMinimumMos"/>.</summary>
    Green,

    /// <summary>Degraded: MOS at or above <see cref="QualityOptions.OrangeMinimumMos"/> but below green.</summary>
    Orange,

    /// <summary>Poor: MOS below <see cref="QualityOptions.OrangeMinimumMos"/>.</summary>
    Red,
}
