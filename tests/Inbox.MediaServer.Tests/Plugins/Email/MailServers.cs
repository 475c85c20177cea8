using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Inbox.MediaServer.Tests.Plugins.Email;

/// <summary>
/// A real Postfix and Dovecot for the e-mail tests, started without systemd on free loopback ports from a temporary
/// folder, with a self-signed certificate for STARTTLS, and stopped at the end. Every account of
/// <see cref="Accounts"/> has the password <see cref="Password"/>. Needs root (Postfix's master and Dovecot drop to
/// their own users) and the Debian packages postfix, dovecot-imapd and dovecot-lmtpd.
/// </summary>
public sealed class MailServers : IAsyncLifetime
{
    public const string Domain = "example.test";
    public const string Password = "secret";
    public const string Host = "127.0.0.1";

    /// <summary>The mailboxes: the inbox's own for each test, the customer's and her copies'.</summary>
    public static readonly string[] Accounts = ["inbox", "restarted", "starter", "customer", "prospect", "copy", "blind", "polled", "idle", "other"];

    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(60);
    private MailServerConfig? _config;

    private MailServerConfig Config => _config!;

    public int SmtpPort => Config.SmtpPort;

    public int ImapPort => Config.ImapPort;

    /// <summary>The servers' certificate as openssl prints its fingerprint, for the channel's TrustedCertificateSha256.</summary>
    public string CertificateSha256 { get; private set; } = string.Empty;

    /// <summary>The certificate as a PEM file: being self-signed, it is its own CA (the channel's TrustedCaFile).</summary>
    public string CertificatePath => Config.CertificatePath;

    public static string Address(string account) => $"{account}@{Domain}";

    public async ValueTask InitializeAsync()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The e-mail tests run Postfix and Dovecot: Linux only.");
        }

        foreach (var program in new[] { "/usr/sbin/postfix", "/usr/sbin/dovecot", "/usr/bin/doveadm", "/usr/lib/dovecot/lmtp", "/usr/lib/dovecot/imap" })
        {
            if (!File.Exists(program))
            {
                throw new InvalidOperationException(
                    $"The e-mail tests need a real Postfix and Dovecot, and {program} is missing: apt-get install postfix dovecot-imapd dovecot-lmtpd " +
                    "(tests/run-all.sh installs them).");
            }
        }

        var folder = Directory.CreateTempSubdirectory("inbox-mail-").FullName;

        // Postfix and Dovecot drop root for their own users, who must reach the queue, the sockets and the mailboxes.
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        _config = new MailServerConfig(folder, FreePort(), FreePort(), FreePort());
        Directory.CreateDirectory(Path.Combine(folder, "tls"));
        CertificateSha256 = WriteCertificate(Config.CertificatePath, Config.KeyPath);
        Config.Write(Accounts.Select(Address), Password);
        var mailboxes = Directory.CreateDirectory(Path.Combine(folder, "vmail")).FullName;
        File.SetUnixFileMode(mailboxes, (UnixFileMode)0b111_111_111);

        await RunAsync("/usr/sbin/dovecot", "-c", Config.DovecotConfigPath);
        await RunAsync("/usr/sbin/postfix", "-c", Config.PostfixFolder, "start");
        await WaitForPortAsync(SmtpPort);
        await WaitForPortAsync(ImapPort);
        await WaitForPortAsync(Config.LmtpPort);
    }

    public async ValueTask DisposeAsync()
    {
        if (_config is null)
        {
            return;
        }

        await RunQuietlyAsync("/usr/sbin/postfix", "-c", Config.PostfixFolder, "stop");
        await RunQuietlyAsync("/usr/bin/doveadm", "-c", Config.DovecotConfigPath, "stop");
        try
        {
            Directory.Delete(Config.Folder, recursive: true);
        }
        catch (IOException)
        {
            // A daemon still writing its last log line as it exits: the folder is under /tmp anyway.
        }
    }

    /// <summary>Closes every IMAP connection of <paramref name="account"/>, as a server restart would.</summary>
    public Task KickAsync(string account) => RunAsync("/usr/bin/doveadm", "-c", Config.DovecotConfigPath, "kick", Address(account));

    /// <summary>What the servers logged, for a failing test's message.</summary>
    public string Logs()
    {
        var logs = new[] { "postfix.log", "dovecot.log" }.Select(name => Path.Combine(Config.Folder, name)).Where(File.Exists);
        return string.Join("\n", logs.Select(path => $"--- {Path.GetFileName(path)}\n{string.Join("\n", File.ReadLines(path).TakeLast(40))}"));
    }

    /// <summary>A loopback port nothing listens on (at least for now).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // Self-signed for 127.0.0.1 and localhost; returns its SHA-256 fingerprint as "AB:CD:...".
    private static string WriteCertificate(string certificatePath, string keyPath)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, false, 0, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return string.Join(':', certificate.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2", null)));
    }

    private async Task WaitForPortAsync(int port)
    {
        var deadline = DateTime.UtcNow + s_startTimeout;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            catch (SocketException e)
            {
                throw new InvalidOperationException($"Nothing listens on port {port} after {s_startTimeout.TotalSeconds} s.\n{Logs()}", e);
            }
        }
    }

    private async Task RunAsync(string program, params string[] arguments)
    {
        var (exitCode, output) = await RunQuietlyAsync(program, arguments);
        if (exitCode != 0)
        {
            // Postfix writes to stderr only on a terminal: its complaint is in its log.
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {exitCode}:\n{output}\n{Logs()}");
        }
    }

    // The output goes to a file, not a pipe: a daemon that keeps its parent's stdout would hold a pipe open forever.
    private async Task<(int ExitCode, string Output)> RunQuietlyAsync(string program, params string[] arguments)
    {
        var log = Path.Combine(Config.Folder, "command.log");
        File.WriteAllText(log, string.Empty);
        var start = new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", "\"$@\" >\"$0\" 2>&1", log, program } };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
        return (process.ExitCode, File.ReadAllText(log));
    }
}
