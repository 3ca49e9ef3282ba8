import ArgumentParser

/// Whether `serve` runs the instances it starts, or leaves them to `stepwise worker` processes (docs/workers.md).
struct ServeRoleOptions: ParsableArguments {
    @Flag(
        name: .customLong("no-execute"),
        help: "Only accept starts: instances are created in the database for `stepwise worker` processes to run.")
    var noExecute = false
}
