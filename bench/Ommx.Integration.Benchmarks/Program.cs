using Ommx.Integration.Benchmarks;

return BenchmarkCommands.Run(args);
