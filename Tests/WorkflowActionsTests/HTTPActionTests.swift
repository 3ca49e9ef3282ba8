import Testing
import WorkflowActions
import WorkflowModel
import WorkflowTestSupport

@Suite("HTTP action")
struct HTTPActionTests {
    private let action = HTTPAction()

    private func invoke(
        _ inputs: [String: JSONValue], with action: HTTPAction? = nil
    ) async throws(ActionError)
        -> JSONValue
    {
        let invocation = ActionInvocation(stepName: "call", actionId: "com.datadoghq.http.request", inputs: inputs)
        return try await (action ?? self.action).run(invocation).outputs
    }

    private func failure(_ inputs: [String: JSONValue]) async -> ActionError? {
        do {
            _ = try await invoke(inputs)
            return nil
        } catch {
            return error
        }
    }

    private func withServer(_ body: (TestHTTPServer) async throws -> Void) async throws {
        let server = try await TestHTTPServer.start()
        do {
            try await body(server)
        } catch {
            try await server.shutdown()
            throw error
        }
        try await server.shutdown()
    }

    @Test func getParsesJSONAndLowercasesHeaders() async throws {
        try await withServer { server in
            let outputs = try await invoke(["url": .string(server.url("/echo"))])
            #expect(outputs["status"] == 200)
            #expect(outputs["body"]?["method"] == "GET")
            #expect(outputs["headers"]?["content-type"] == "application/json")
            #expect(outputs["headers"]?["x-test"] == "one, two")
        }
    }

    @Test func postJSONBodyWithHeadersAndURLParams() async throws {
        try await withServer { server in
            let outputs = try await invoke([
                "verb": "post", "url": .string(server.url("/echo")),
                "body": ["name": "a b", "n": 1],
                "requestHeaders": [
                    ["key": "X-One", "value": ["1"]], ["key": "Accept", "value": ["application/json"]],
                ],
                "urlParams": [["key": "q", "value": "a b&c"], ["key": "page", "value": 2]],
            ])
            let echo = outputs["body"]
            #expect(echo?["method"] == "POST")
            #expect(echo?["query"] == "page=2&q=a+b%26c")
            #expect(echo?["headers"]?["content-type"] == "application/json")
            #expect(echo?["headers"]?["x-one"] == "1")
            #expect(echo?["headers"]?["expect"] == nil)
            #expect(try JSONValue.parse(echo?["body"]?.stringValue ?? "") == ["name": "a b", "n": 1])
        }
    }

    @Test func stringBodyKeepsAGivenContentType() async throws {
        try await withServer { server in
            let outputs = try await invoke([
                "verb": "PUT", "url": .string(server.url("/echo")), "body": "<x/>",
                "requestHeaders": [["key": "Content-Type", "value": ["application/xml"]]],
            ])
            #expect(outputs["body"]?["method"] == "PUT")
            #expect(outputs["body"]?["body"] == "<x/>")
            #expect(outputs["body"]?["headers"]?["content-type"] == "application/xml")
        }
    }

    @Test func redirectsAreFollowedUnlessTurnedOff() async throws {
        try await withServer { server in
            let followed = try await invoke(["url": .string(server.url("/redirect"))])
            #expect(followed["status"] == 200)
            #expect(followed["body"]?["path"] == "/echo")
            let refused = await failure(["url": .string(server.url("/redirect")), "followRedirect": false])
            #expect(refused?.message.hasPrefix("server responded with status 302.") == true)
        }
    }

    @Test func statusAbove400FailsWithStatusAndBody() async throws {
        try await withServer { server in
            let error = await failure(["url": .string(server.url("/status/404"))])
            #expect(error?.code == .failed)
            #expect(error?.message == #"404 Not Found: {"errors":["nope"]}"#)
        }
    }

    static let statusRules: [(rule: JSONValue, status: Int, fails: Bool)] = [
        ([], 404, true), (["500-599"], 404, true), ([404], 404, true), (["500-599"], 503, true),
        (["500-599"], 200, false), ([200], 200, true), ("201", 201, true), ([], 201, false),
    ]

    @Test(arguments: statusRules)
    func errorOnStatusOnlyAddsFailingStatuses(rule: JSONValue, status: Int, fails: Bool) async throws {
        try await withServer { server in
            let inputs: [String: JSONValue] = ["url": .string(server.url("/status/\(status)")), "errorOnStatus": rule]
            let error = await failure(inputs)
            #expect((error != nil) == fails)
            if !fails {
                let outputs = try await invoke(inputs)
                #expect(outputs["status"] == .number(Double(status)))
            }
        }
    }

    @Test func badErrorOnStatusIsInvalidInput() async {
        let error = await failure(["url": "http://127.0.0.1:1/", "errorOnStatus": ["4yy", "500-599"]])
        #expect(error?.code == .invalidInput)
        #expect(error?.message == "error parsing errorOnStatus input: [4yy 500-599]")
    }

    @Test func responseParsingModes() async throws {
        try await withServer { server in
            #expect(try await invoke(["url": .string(server.url("/text"))])["body"] == "hello world\n")
            let json = try await invoke(["url": .string(server.url("/echo")), "responseParsing": "raw"])
            #expect(json["body"]?.stringValue?.hasPrefix("{") == true)
            let base64 = try await invoke(["url": .string(server.url("/text")), "responseEncoding": "base64"])
            #expect(base64["body"] == "aGVsbG8gd29ybGQK")
            let badAuto = try await invoke(["url": .string(server.url("/json-bad"))])
            #expect(badAuto["body"] == "{not json")
            let badJSON = try await invoke(["url": .string(server.url("/json-bad")), "responseParsing": "json"])
            #expect(badJSON["body"] == "{not json")
            let latin1 = try await invoke(["url": .string(server.url("/latin1")), "responseEncoding": "latin1"])
            #expect(latin1["body"] == "café")
        }
    }

    @Test(arguments: [
        ([:] as [String: JSONValue], "url"), (["url": 3], "url"), (["url": "ftp://x"], "url"),
        (["url": "http://x", "verb": "GE T"], "verb"),
        (["url": "http://x", "responseParsing": "xml"], "responseParsing"),
        (["url": "http://x", "requestHeaders": "x"], "requestHeaders"),
    ])
    func invalidInputsNameTheInput(inputs: [String: JSONValue], name: String) async {
        let error = await failure(inputs)
        #expect(error?.code == .invalidInput)
        #expect(error?.message.contains("\"\(name)\"") == true)
    }

    @Test func transportErrorCarriesCurlsMessage() async throws {
        let server = try await TestHTTPServer.start()
        let url = server.url("/echo")
        try await server.shutdown()
        let error = await failure(["url": .string(url)])
        #expect(error?.code == .failed)
        #expect(error?.message.contains("onnect") == true)
    }

    @Test func cancellationAbortsTheTransfer() async throws {
        try await withServer { server in
            let url = server.url("/slow")
            let task = Task { try await invoke(["url": .string(url)]) }
            #expect(await server.wait(for: .slowRequestArrived))
            task.cancel()
            await #expect(throws: ActionError(.canceled, "HTTP request canceled")) { try await task.value }
            #expect(await server.wait(for: .slowConnectionClosed))
        }
    }

    @Test func timeLimitEndsTheTransfer() async throws {
        try await withServer { server in
            let error = await failure(["url": .string(server.url("/slow")), "timeoutSeconds": 0.2])
            #expect(error?.code == .timedOut)
            #expect(error?.message.contains("global timeout") == false)
            #expect(await server.wait(for: .slowConnectionClosed))
        }
    }

    @Test func manyConcurrentRequests() async throws {
        try await withServer { server in
            let url = server.url("/echo")
            let statuses = try await withThrowingTaskGroup(of: JSONValue?.self) { group in
                for index in 0..<200 {
                    group.addTask {
                        try await invoke([
                            "url": .string(url), "urlParams": [["key": "i", "value": .number(Double(index))]],
                        ])["status"]
                    }
                }
                var statuses: [JSONValue?] = []
                for try await status in group { statuses.append(status) }
                return statuses
            }
            #expect(statuses.count == 200)
            #expect(statuses.allSatisfy { $0 == 200 })
        }
    }

    @Test func registryHelpersRegisterTheSystemActions() {
        let registry = ActionRegistry.system()
        typealias ID = ActionRegistry.SystemActionID
        #expect(
            registry.ids == [
                ID.getChecksumFromURL, ID.httpRequest, ID.httpTestConnection, ID.enrichScript,
                ID.runPredefinedPowershellScript, ID.runPredefinedScript, ID.runShellScript, ID.scriptTestConnection,
            ])
    }
}
