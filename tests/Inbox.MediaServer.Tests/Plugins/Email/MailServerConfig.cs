using System.Globalization;

namespace Inbox.MediaServer.Tests.Plugins.Email;

/// <summary>
/// The configuration files of a private Postfix (submission only: STARTTLS required, AUTH through Dovecot, mail for
/// the test domain handed to Dovecot by LMTP, nothing leaves the machine) and Dovecot (IMAP with STARTTLS, LMTP,
/// the accounts in a passwd-file, Maildirs owned by the system's "mail" user), all under one folder.
/// </summary>
internal sealed record MailServerConfig(string Folder, int SmtpPort, int ImapPort, int LmtpPort)
{
    public string PostfixFolder => Path.Combine(Folder, "postfix");

    public string DovecotConfigPath => Path.Combine(Folder, "dovecot", "dovecot.conf");

    public string CertificatePath => Path.Combine(Folder, "tls", "cert.pem");

    public string KeyPath => Path.Combine(Folder, "tls", "key.pem");

    public string AuthSocketPath => Path.Combine(Folder, "dovecot", "auth-client");

    public void Write(IEnumerable<string> addresses, string password)
    {
        // Postfix creates the queue's sub-folders, not the queue folder itself.
        Directory.CreateDirectory(Path.Combine(PostfixFolder, "queue"));
        Directory.CreateDirectory(Path.Combine(Folder, "dovecot", "run"));
        var accounts = addresses.ToList();
        File.WriteAllText(Path.Combine(PostfixFolder, "main.cf"), MainCf());
        File.WriteAllText(Path.Combine(PostfixFolder, "master.cf"), MasterCf());
        File.WriteAllLines(Path.Combine(PostfixFolder, "mailboxes"), accounts.Select(a => a + " ok"));
        File.WriteAllLines(Path.Combine(Folder, "dovecot", "users"), accounts.Select(a => $"{a}:{{PLAIN}}{password}"));
        File.WriteAllText(DovecotConfigPath, DovecotConf());
    }

    private string MainCf() => Invariant($"""
        compatibility_level = 3.6
        queue_directory = {PostfixFolder}/queue
        data_directory = {PostfixFolder}/data
        mail_owner = postfix
        setgid_group = postdrop
        inet_interfaces = 127.0.0.1
        inet_protocols = ipv4
        myhostname = mail.{MailServers.Domain}
        mydomain = {MailServers.Domain}
        mydestination =
        mynetworks = 127.0.0.0/8
        alias_maps =
        alias_database =
        local_recipient_maps =
        local_transport = error:local delivery is disabled
        default_transport = error:nothing leaves the test machine
        relay_transport = error:nothing leaves the test machine
        virtual_mailbox_domains = {MailServers.Domain}
        virtual_mailbox_maps = texthash:{PostfixFolder}/mailboxes
        virtual_transport = lmtp:inet:127.0.0.1:{LmtpPort}
        smtpd_tls_cert_file = {CertificatePath}
        smtpd_tls_key_file = {KeyPath}
        smtpd_sasl_type = dovecot
        smtpd_sasl_path = {AuthSocketPath}
        smtputf8_enable = no
        biff = no
        maillog_file = {Folder}/postfix.log
        maillog_file_prefixes = {Folder}
        """);

    // Every service runs unchrooted, so the absolute paths above work for all of them.
    private string MasterCf() => Invariant($"""
        127.0.0.1:{SmtpPort} inet n - n - - smtpd
          -o smtpd_tls_security_level=encrypt
          -o smtpd_sasl_auth_enable=yes
          -o smtpd_tls_auth_only=yes
          -o smtpd_client_restrictions=permit_sasl_authenticated,reject
        pickup    unix  n - n 60 1 pickup
        cleanup   unix  n - n - 0 cleanup
        qmgr      unix  n - n 300 1 qmgr
        tlsmgr    unix  - - n 1000? 1 tlsmgr
        rewrite   unix  - - n - - trivial-rewrite
        bounce    unix  - - n - 0 bounce
        defer     unix  - - n - 0 bounce
        trace     unix  - - n - 0 bounce
        verify    unix  - - n - 1 verify
        flush     unix  n - n 1000? 0 flush
        proxymap  unix  - - n - - proxymap
        smtp      unix  - - n - - smtp
        relay     unix  - - n - - smtp
        showq     unix  n - n - - showq
        error     unix  - - n - - error
        retry     unix  - - n - - error
        discard   unix  - - n - - discard
        lmtp      unix  - - n - - lmtp
        anvil     unix  - - n - 1 anvil
        scache    unix  - - n - 1 scache
        postlog   unix-dgram n - n - 1 postlogd
        """);

    private string DovecotConf() => Invariant($$"""
        base_dir = {{Folder}}/dovecot/run
        state_dir = {{Folder}}/dovecot/state
        log_path = {{Folder}}/dovecot.log
        protocols = imap lmtp
        listen = 127.0.0.1
        ssl = yes
        ssl_cert = <{{CertificatePath}}
        ssl_key = <{{KeyPath}}
        disable_plaintext_auth = yes
        auth_mechanisms = plain login
        first_valid_uid = 1
        mail_location = maildir:~/Maildir
        passdb {
          driver = passwd-file
          args = scheme=PLAIN username_format=%u {{Folder}}/dovecot/users
        }
        userdb {
          driver = static
          args = uid=mail gid=mail home={{Folder}}/vmail/%u
        }
        service imap-login {
          inet_listener imap {
            address = 127.0.0.1
            port = {{ImapPort}}
          }
          inet_listener imaps {
            port = 0
          }
        }
        service lmtp {
          inet_listener lmtp {
            address = 127.0.0.1
            port = {{LmtpPort}}
          }
        }
        service auth {
          unix_listener {{AuthSocketPath}} {
            mode = 0666
          }
        }
        protocol lmtp {
          postmaster_address = postmaster@{{MailServers.Domain}}
        }
        """);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
