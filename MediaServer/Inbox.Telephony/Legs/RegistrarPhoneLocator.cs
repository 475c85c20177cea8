using Inbox.Sip.Auth;
using Inbox.Sip.Messages;
using Inbox.Sip.Registration;

namespace Inbox.Telephony.Legs;

/// <summary>
/// Every live binding of every extension, from the registrar's location service (RFC 3261 §10.3). A phone is reached
/// through the flow its REGISTER came from (RFC 5626 style), which also works behind NAT. Thread-safe.
/// </summary>
internal sealed class RegistrarPhoneLocator(SipBindingTable bindings, DigestAuthenticator authenticator) : IAgentPhoneLocator
{
    public IReadOnlyList<AgentPhone> Find(IReadOnlyList<string> extensions)
    {
        ArgumentNullException.ThrowIfNull(extensions);
        var phones = new List<AgentPhone>();
        foreach (var extension in extensions)
        {
            foreach (var binding in bindings.Lookup(SipRegistrar.AddressOfRecord(extension, authenticator.Realm)))
            {
                if (SipUri.TryParse(binding.Contact, out var contact))
                {
                    phones.Add(new AgentPhone(contact, binding.Source));
                }
            }
        }

        return phones;
    }
}
