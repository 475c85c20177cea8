using Inbox.Sip.Transactions;
using Microsoft.Extensions.Options;

namespace Inbox.MediaServer.Hosting;

/// <summary>Binds <c>Sip:Timers</c> into the immutable timer record, failing start-up on values the RFC forbids.</summary>
internal static class SipTimerOptionsBinder
{
    public static SipTimerOptions Bind(IConfigurationSection section)
    {
        var timers = section.Get<SipTimerOptions>() ?? new SipTimerOptions();
        try
        {
            timers.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new OptionsValidationException(section.Path, typeof(SipTimerOptions), [$"{section.Path}:{e.ParamName}: {e.Message}"]);
        }

        return timers;
    }
}
