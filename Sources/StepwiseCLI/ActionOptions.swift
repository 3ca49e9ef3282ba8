import ArgumentParser

/// The options of `stepwise run` that decide which actions exist and what they reach: manifests,
/// connections, dry runs and their mocks.
struct ActionOptions: ParsableArguments {
    @Option(
        name: .customLong("actions"),
        help: """
            A directory of action manifests (<actionId>.json), searched before the workflow's actions/ folder, \
            the user's and the bundled ones; repeatable, later ones override earlier manifests.
            """)
    var actionDirectories: [String] = []

    @Option(
        name: .customLong("connections"),
        help: "A JSON or YAML file of connections (base URL and headers; ${VAR} reads the environment).")
    var connectionsFile: String?

    @Option(
        name: .customLong("credentials"),
        help: "A directory of private-action-runner credential files (<connection id or label>.json).")
    var credentialsDirectory: String?

    @Flag(
        help: """
            Run nothing that reaches outside: HTTP, shell and manifest steps are mocked (--mocks), core \
            actions run for real on virtual time, and a report with coverage follows the run.
            """)
    var dryRun = false

    @Option(
        name: .customLong("mocks"), help: "With --dry-run: a JSON or YAML file of mocks by step name and action id.")
    var mocksFile: String?

    func validate() throws {
        if mocksFile != nil, !dryRun { throw ValidationError("--mocks needs --dry-run.") }
    }
}
