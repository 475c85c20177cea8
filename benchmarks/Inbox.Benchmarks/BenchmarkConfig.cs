using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace Inbox.Benchmarks;

/// <summary>The one configuration every suite runs with: server GC as in the host, memory diagnoser on.</summary>
public sealed class BenchmarkConfig : ManualConfig
{
    private BenchmarkConfig(Job job)
    {
        Add(DefaultConfig.Instance);
        AddJob(job.WithGcServer(true));
        AddDiagnoser(MemoryDiagnoser.Default);
        // Neighbouring builds make the mean noisy on CI machines; the median is the figure docs/benchmarks.md quotes.
        AddColumn(StatisticColumn.Median);
        WithOptions(ConfigOptions.JoinSummary);
    }

    /// <summary>
    /// Takes <c>--job dry|short|medium|long|default</c> out of the arguments and applies server GC to that job.
    /// Left to BenchmarkDotNet, <c>--job</c> adds a second job beside the configured one (every benchmark ran twice),
    /// and a job marked as default would make it ignore <c>--job</c> altogether.
    /// </summary>
    public static BenchmarkConfig FromArgs(string[] args, out string[] remaining)
    {
        var job = Job.Default;
        var rest = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--job" or "-j" && i + 1 < args.Length)
            {
                job = args[++i].ToUpperInvariant() switch
                {
                    "DRY" => Job.Dry,
                    "SHORT" => Job.ShortRun,
                    "MEDIUM" => Job.MediumRun,
                    "LONG" => Job.LongRun,
                    "DEFAULT" => Job.Default,
                    var other => throw new ArgumentException($"Unknown job '{other}': use Dry, Short, Medium, Long or Default.", nameof(args)),
                };
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        remaining = [.. rest];
        return new BenchmarkConfig(job);
    }
}
