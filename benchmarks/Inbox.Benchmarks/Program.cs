using BenchmarkDotNet.Running;
using Inbox.Benchmarks;

var config = BenchmarkConfig.FromArgs(args, out var remaining);
BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(remaining, config);
