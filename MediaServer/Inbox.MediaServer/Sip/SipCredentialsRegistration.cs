using Inbox.Interactions.Directory;
using Inbox.Sip.Auth;
using Inbox.Sip.Registration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Inbox.MediaServer.Sip;

/// <summary>Digest credentials for every agent extension, from the <c>Agents</c> configuration.</summary>
internal static class SipCredentialsRegistration
{
    public static IServiceCollection AddSipCredentials(this IServiceCollection services)
    {
        services.AddOptions<DigestAuthOptions>().Configure<IOptions<SipRegistrarOptions>>((digest, registrar) =>
        {
            digest.Realm = registrar.Value.Realm;
            digest.NonceLifetime = registrar.Value.NonceLifetime;
            foreach (var name in registrar.Value.Algorithms)
            {
                if (DigestAlgorithms.TryParse(name, out var algorithm))
                {
                    digest.Algorithms.Add(algorithm);
                }
            }
        });
        services.TryAddSingleton<IDigestCredentialStore>(sp => CreateStore(
            sp.GetRequiredService<IOptions<AgentDirectoryOptions>>().Value,
            sp.GetRequiredService<IOptions<SipRegistrarOptions>>().Value.Realm,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Inbox.MediaServer")));
        services.TryAddSingleton<DigestAuthenticator>();
        return services;
    }

    private static InMemoryDigestCredentialStore CreateStore(AgentDirectoryOptions directory, string realm, ILogger logger)
    {
        var store = new InMemoryDigestCredentialStore();
        var demo = new List<string>();
        for (var i = 0; i < directory.Agents.Count; i++)
        {
            var agent = directory.Agents[i];
            foreach (var extension in agent.Extensions)
            {
                var secret = agent.SipPasswordHash ?? agent.SipPassword!;
                if (!DigestCredential.TryParseSecret(extension, realm, secret, out var credential))
                {
                    throw new OptionsValidationException(
                        $"Agents:{i}", typeof(AgentDirectoryOptions),
                        [$"Agents:{i}:SipPasswordHash is not 'sha256:<64 hex>' and/or 'md5:<32 hex>' separated by a comma."]);
                }

                store.Set(credential!);
                if (DemoSecrets.IsDemo(credential!, extension))
                {
                    demo.Add(extension);
                }
            }
        }

        if (demo.Count > 0)
        {
            Hosting.HostLog.DemoSecretsInUse(logger, string.Join(", ", demo));
        }

        return store;
    }
}
