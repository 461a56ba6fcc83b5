namespace Ommx.Integration.Benchmarks;

internal static class BenchmarkCommands
{
    public static int Run(string[] args)
    {
        var name = args.Length > 0 ? args[0] : "all";
        switch (name)
        {
            // The finish benchmark's child processes (a test host, an after step), each fresh as in a real dotnet test.
            case "finish-host":
                return FinishBenchmark.Host(args[1], args[2], int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture));
            case "finish-settle":
                return FinishBenchmark.Settle(args[1], args[2], int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture), args[4] == "prepared");
        }

        var work = Path.Combine(args.Length > 1 ? args[1] : Path.GetTempPath(), "ommx-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        try
        {
            switch (name)
            {
                case "ingest":
                    IngestBenchmark.Run(work);
                    break;
                case "gc":
                    GcBenchmark.Run(work);
                    break;
                case "xunit":
                    XunitBenchmark.Run(work);
                    break;
                case "xunit-v3":
                    XunitV3Benchmark.Run(work);
                    break;
                case "finish":
                    FinishBenchmark.Run(work);
                    break;
                case "experiment":
                    ExperimentBenchmark.Run(work);
                    break;
                case "recording":
                    RecordingPathBenchmark.Run(work);
                    break;
                case "model":
                    ModelBenchmark.Run();
                    break;
                case "diff":
                    DiffBenchmark.Run(work);
                    break;
                case "report":
                    ReportBenchmark.Run(work);
                    break;
                case "all":
                    IngestBenchmark.Run(work);
                    GcBenchmark.Run(work);
                    ExperimentBenchmark.Run(work);
                    ModelBenchmark.Run();
                    DiffBenchmark.Run(work);
                    ReportBenchmark.Run(work);
                    break;
                default:
                    Console.Error.WriteLine("usage: Ommx.Integration.Benchmarks [ingest|gc|experiment|recording|finish|xunit|xunit-v3|model|diff|report|all] [work-dir]");
                    return 2;
            }

            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
