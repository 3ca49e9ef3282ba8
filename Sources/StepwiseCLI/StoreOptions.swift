import ArgumentParser
import WorkflowStore

/// `--db PATH`: the SQLite file where workflows and instances are kept (created on first use).
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "The SQLite database file (created on first use).")
    var path: String = "stepwise.db"

    /// Opens the database, creating it and its schema when needed.
    func open() throws(StoreError) -> SQLiteStore {
        try SQLiteStore(path: path)
    }
}
