import ArgumentParser

/// `stepwise bench --workers N`: run the instances in N `stepwise worker` processes sharing the PostgreSQL
/// database instead of in the bench's own process (``BenchWorkers``).
struct BenchWorkerOptions: ParsableArguments {
    @Option(
        help: """
            With --store postgres and a generated workload: create the instances up front, then run them in N \
            `stepwise worker` processes of this binary sharing the database; steps/s counts from the first claim \
            to the last finish.
            """)
    var workers: Int?

    @Option(
        name: .customLong("worker-concurrency"),
        help: "With --workers: each worker's --concurrency (default: all the instances).")
    var workerConcurrency: Int?

    /// Checks the flags against the rest of the command line.
    func validate(store: BenchStore, file: String?, schedulerOnly: Bool) throws {
        guard let workers else {
            if workerConcurrency != nil { throw ValidationError("--worker-concurrency goes with --workers.") }
            return
        }
        guard workers >= 1 else { throw ValidationError("--workers must be at least 1, not \(workers)") }
        guard store == .postgres else { throw ValidationError("--workers needs --store postgres.") }
        guard file == nil else { throw ValidationError("--workers runs a generated workload, not a FILE.") }
        guard !schedulerOnly else { throw ValidationError("--workers does not go with --scheduler-only.") }
        if let workerConcurrency, workerConcurrency < 1 {
            throw ValidationError("--worker-concurrency must be at least 1, not \(workerConcurrency)")
        }
    }
}
