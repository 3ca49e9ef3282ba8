import ArgumentParser
import Foundation
import WorkflowAPI
import WorkflowEngine
import WorkflowModel
import WorkflowStore

extension Stepwise.Instances {
    /// `stepwise instances watch ID`: follows `GET …/instances/{id}/stream` of a running `stepwise serve`.
    struct Watch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Follow an instance on a running `stepwise serve`, one progress line per event.",
            discussion: """
                Prints the journal so far, then each event as the server commits it, until the instance ends. \
                Exit status: 0 when it succeeded, 1 when it failed or was canceled, 2 when the stream could not \
                be followed (unknown instance, server unreachable, stream cut short).
                """
        )

        @Argument(help: "The instance id.")
        var id: String

        @Option(help: "The workflow id (default: looked up in the database given by --db).")
        var workflow: String?

        @OptionGroup var store: StoreOptions

        @Option(help: "The server's base URL.")
        var server = "http://127.0.0.1:8126"

        @Option(
            name: .customLong("ca-cert"),
            help: "A PEM file of the certificate authorities to trust for an https --server (default: the system's).")
        var certificateAuthorities: String?

        @Option(name: .customLong("api-key"), help: "The DD-API-KEY to send (default: $DD_API_KEY).")
        var apiKey: String?

        @Option(name: .customLong("app-key"), help: "The DD-APPLICATION-KEY to send (default: $DD_APP_KEY).")
        var appKey: String?

        func run() async throws {
            let workflowId = try await resolveWorkflow()
            let variables = ProcessInfo.processInfo.environment
            var headers = ["Accept: text/event-stream"]
            if let key = apiKey ?? variables["DD_API_KEY"] { headers.append("DD-API-KEY: \(key)") }
            if let key = appKey ?? variables["DD_APP_KEY"] { headers.append("DD-APPLICATION-KEY: \(key)") }
            let base = server.hasSuffix("/") ? String(server.dropLast()) : server
            let url = "\(base)/api/v2/workflows/\(workflowId)/instances/\(id)/stream"
            let status = try await StreamWatcher.follow(
                url, headers: headers, certificateAuthorities: certificateAuthorities
            ) { message in fail(message) }
            throw status == .succeeded ? ExitCode.success : ExitCode.failure
        }

        private func resolveWorkflow() async throws -> String {
            if let workflow { return workflow }
            guard let instance = try await store.open().instance(id: id) else {
                fail("no instance \(id) in \(store.shown); pass --workflow")
            }
            return instance.workflowId
        }

        private func fail(_ message: String) -> Never {
            FileHandle.standardError.writeToConsole(Data("stepwise instances watch: \(message)\n".utf8))
            Foundation.exit(2)
        }
    }
}

/// Reads a `…/stream` response and prints each event as ``ProgressPrinter`` does for local runs.
enum StreamWatcher {
    /// Follows `url` until `instanceFinished` and returns the instance's status; `fail` is called when the stream
    /// cannot be read or ends early.
    static func follow(
        _ url: String, headers: [String], certificateAuthorities: String? = nil, fail: (String) -> Never
    ) async throws -> InstanceStatus {
        var parser = EventStreamParser()
        var printer: ProgressPrinter?
        var errorBody: [UInt8] = []
        var status = 0
        do {
            for try await chunk in CurlStream.get(
                url, headers: headers, certificateAuthorities: certificateAuthorities)
            {
                switch chunk {
                case .status(let code): status = code
                case .bytes(let bytes) where status != 200:
                    errorBody.append(contentsOf: bytes.prefix(4096 - errorBody.count))
                case .bytes(let bytes):
                    for event in parser.feed(bytes) {
                        if let finished = handle(event, printer: &printer, fail: fail) { return finished }
                    }
                }
            }
        } catch {
            fail("\(url): \(error)")
        }
        if status != 200 { fail("HTTP \(status): \(String(decoding: errorBody, as: UTF8.self))") }
        fail("the stream ended before the instance did")
    }

    /// Prints one event; returns the instance's status when it is `instanceFinished`.
    static func handle(
        _ event: ServerSentEvent, printer: inout ProgressPrinter?, fail: (String) -> Never
    ) -> InstanceStatus? {
        guard event.event == "message" else { fail("\(event.event): \(event.data)") }
        guard let json = try? JSONValue.parse(event.data), let entry = JournalResource.entry(from: json) else {
            fail("not a journal event: \(event.data.prefix(200))")
        }
        let current = printer ?? ProgressPrinter(started: entry.time)
        printer = current
        current.print([entry], instance: "")
        if case .instanceFinished(let status, _, _) = entry.event { return status }
        return nil
    }
}
