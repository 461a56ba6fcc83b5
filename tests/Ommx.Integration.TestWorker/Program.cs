using Ommx.Integration.TestWorker;

return WorkerCommands.Run(args);
