import ArgumentParser

@main
struct Stepwise: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stepwise",
        abstract: "Run Datadog Workflow Automation workflows on your own machine.",
        version: Stepwise.version,
        subcommands: [
            Validate.self, Run.self, Resume.self, Worker.self, Instances.self, Workflows.self, Serve.self,
            Schedule.self, Bench.self, Graph.self, Actions.self, Keys.self, Audit.self,
        ]
    )
}
