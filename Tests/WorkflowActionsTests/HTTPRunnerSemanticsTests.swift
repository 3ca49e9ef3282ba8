import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowStore
import WorkflowTestSupport

/// `com.datadoghq.http.request` in workflow runs against a real local server, checked against what Datadog's
/// private action runner does.
@Suite("HTTP request as the runner runs it")
struct HTTPRunnerSemanticsTests {
    private static let http = ActionRegistry.SystemActionID.httpRequest

    /// A server answering by path: `/status/<n>` (that status), `/form`, `/bytes`, `/latin1`, `/json-bad`,
    /// `/moved` (302 to `/ok`), anything else 200 `{"ok": true}`.
    private static func respond(_ request: StandInServer.Request) -> StandInServer.Response {
        switch request.path {
        case let path where path.hasPrefix("/status/"):
            let status = Int(path.dropFirst("/status/".count)) ?? 500
            return .json(text: #"{"errors":["nope"]}"#, status: status)
        case "/empty-error": return StandInServer.Response(status: 503, contentType: "text/plain", body: [])
        case "/long-error":
            return StandInServer.Response(
                status: 500, contentType: "text/plain", body: Array(repeating: 120, count: 800))
        case "/form":
            return StandInServer.Response(
                contentType: "application/x-www-form-urlencoded", body: Array("a=1&b=x+y&a=2".utf8))
        case "/bytes": return StandInServer.Response(contentType: "image/png", body: [0x89, 0x50, 0x4E, 0x47])
        case "/latin1":
            return StandInServer.Response(
                contentType: "text/plain; charset=iso-8859-1", body: [0x63, 0x61, 0x66, 0xE9])
        case "/json-bad": return StandInServer.Response(body: Array("{not json".utf8))
        case "/moved":
            return StandInServer.Response(
                status: 302, contentType: "text/plain", body: [], headers: [("Location", "/ok")])
        default: return .json(["ok": true])
        }
    }

    private func call(
        _ server: StandInServer, _ parameters: [String: JSONValue], connection: JSONValue? = nil
    ) async throws -> (StepSummary?, StepSummary?) {
        let steps = [
            WorkflowRun.step("Call", Self.http, parameters, next: "Read", connection: connection == nil ? nil : "svc"),
            WorkflowRun.step("Read", CoreActionID.echo, ["value": "{{ Steps.Call.status }}"]),
        ]
        let summary = try await WorkflowRun.run(
            steps, connections: connection.map { ["connections": ["svc": $0]] })
        return (summary.step("Call"), summary.step("Read"))
    }

    @Test func anyStatus400To999FailsWhateverErrorOnStatusSays() async throws {
        try await StandInServer.with(Self.respond) { server in
            let (call, read) = try await call(
                server, ["url": .string(server.baseURL + "/status/404"), "errorOnStatus": ["500-599"]])
            #expect(call?.error?.code == "FAILED")
            #expect(call?.error?.message == #"404 Not Found: {"errors":["nope"]}"#)
            #expect(read?.outputs == nil)
            let (empty, _) = try await self.call(server, ["url": .string(server.baseURL + "/empty-error")])
            #expect(empty?.error?.message == "503 Service Unavailable")
            let (long, _) = try await self.call(server, ["url": .string(server.baseURL + "/long-error")])
            #expect(
                long?.error?.message == "500 Internal Server Error: " + String(repeating: "x", count: 750)
                    + "... [truncated]")
        }
    }

    @Test func errorOnStatusAddsFailingStatusesAndRanges() async throws {
        try await StandInServer.with(Self.respond) { server in
            let (added, _) = try await call(
                server, ["url": .string(server.baseURL + "/ok"), "errorOnStatus": ["200", "500-599"]])
            #expect(added?.error?.message == "response status code 200 is in {[200 500-599]}")
            let (range, _) = try await call(
                server, ["url": .string(server.baseURL + "/status/302"), "errorOnStatus": ["300-399"]])
            #expect(range?.error?.message == "response status code 302 is in {[300-399]}")
            let (passes, read) = try await call(
                server, ["url": .string(server.baseURL + "/ok"), "errorOnStatus": ["404"]])
            #expect(passes?.error == nil)
            #expect(read?.outputs?["value"] == 200)
            let (bad, _) = try await call(server, ["url": .string(server.baseURL + "/ok"), "errorOnStatus": ["4xx"]])
            #expect(bad?.error?.code == "INVALID_INPUT")
            #expect(bad?.error?.message == "error parsing errorOnStatus input: [4xx]")
        }
    }

    @Test func forbiddenHeadersAreRefusedAndMultipleValuesJoined() async throws {
        try await StandInServer.with(Self.respond) { server in
            for name in ["Host", "content-length", "X-Forwarded-For", "Sec-Datadog", "Forwarded"] {
                let (call, _) = try await call(
                    server,
                    [
                        "url": .string(server.baseURL + "/ok"),
                        "requestHeaders": [["key": .string(name), "value": ["x"]]],
                    ])
                #expect(call?.error?.code == "INVALID_INPUT")
                #expect(call?.error?.message.hasPrefix("unsupported header was supplied") == true)
            }
            #expect(server.requests.isEmpty)
            let (call, _) = try await call(
                server,
                [
                    "url": .string(server.baseURL + "/ok"),
                    "requestHeaders": [
                        ["key": "X-Many", "value": ["a", "b"]], ["key": "runtime-worker-key", "value": ["k"]],
                    ],
                ])
            #expect(call?.error == nil)
            let seen = try #require(server.requests.last)
            #expect(seen.headers["x-many"] == "a,b")
            #expect(seen.headers["runtime-worker-key"] == nil)
            #expect(seen.headers["user-agent"] == "Datadog")
        }
    }

    @Test func connectionHeadersOverrideTheStepsAndTheBaseURLHostIsChecked() async throws {
        try await StandInServer.with(Self.respond) { server in
            let connection: JSONValue = [
                "baseUrl": .string(server.baseURL), "headers": ["Authorization": "Bearer conn", "X-Team": "sre"],
                "urlParams": ["api_key": "k1"],
            ]
            let (call, _) = try await call(
                server,
                [
                    "url": "/ok?b=2&a=1", "requestHeaders": [["key": "x-team", "value": ["mine"]]],
                    "urlParams": [["key": "a", "value": "0 z"]],
                ],
                connection: connection)
            #expect(call?.error == nil)
            let seen = try #require(server.requests.last)
            #expect(seen.headers["x-team"] == "sre")
            #expect(seen.headers["authorization"] == "Bearer conn")
            #expect(seen.query == "a=1&a=0+z&api_key=k1&b=2")
            let before = server.requests.count
            let (refused, _) = try await self.call(
                server, ["url": .string("http://localhost:\(server.port)/ok")], connection: connection)
            #expect(refused?.error?.code == "INVALID_INPUT")
            #expect(
                refused?.error?.message.hasPrefix("specified URL does not match base URL configured in the Connection")
                    == true)
            #expect(server.requests.count == before)
        }
    }

    @Test func bodiesMergeWithTheConnectionBody() async throws {
        try await StandInServer.with(Self.respond) { server in
            let json: JSONValue = [
                "baseUrl": .string(server.baseURL),
                "body": ["content": #"{"token":"t","team":"conn"}"#, "contentType": "application/json"],
            ]
            let (merged, _) = try await call(
                server, ["url": "/ok", "verb": "POST", "body": ["team": "step", "n": 1]], connection: json)
            #expect(merged?.error == nil)
            #expect(server.requests.last?.json == ["token": "t", "team": "conn", "n": 1])
            #expect(server.requests.last?.headers["content-type"] == "application/json")
            let text: JSONValue = [
                "baseUrl": .string(server.baseURL), "body": ["content": "header-line", "contentType": "text/plain"],
            ]
            let (joined, _) = try await call(
                server, ["url": "/ok", "verb": "POST", "body": "step text"], connection: text)
            #expect(joined?.error == nil)
            #expect(server.requests.last.map { String(decoding: $0.body, as: UTF8.self) } == "header-line\r\nstep text")
            let (mismatch, _) = try await call(
                server,
                [
                    "url": "/ok", "verb": "POST", "body": "x",
                    "requestHeaders": [["key": "Content-Type", "value": ["application/xml"]]],
                ],
                connection: json)
            #expect(
                mismatch?.error?.message
                    == "mismatched body content types between inputs application/xml and connection application/json")
            let (both, _) = try await call(
                server,
                [
                    "url": .string(server.baseURL + "/ok"), "verb": "POST", "body": "x",
                    "formData": [["key": "a", "value": "1"]],
                ])
            #expect(
                both?.error?.message
                    == "both body and form-data were specified. Please select only one for your request")
        }
    }

    @Test func formDataIsSentAsMultipart() async throws {
        try await StandInServer.with(Self.respond) { server in
            let (call, _) = try await call(
                server,
                ["url": .string(server.baseURL + "/ok"), "verb": "POST", "formData": [["key": "a", "value": "1 2"]]])
            #expect(call?.error == nil)
            let seen = try #require(server.requests.last)
            #expect(seen.headers["content-type"]?.hasPrefix("multipart/form-data; boundary=") == true)
            #expect(
                String(decoding: seen.body, as: UTF8.self).contains(
                    "Content-Disposition: form-data; name=\"a\"\r\n\r\n1 2\r\n"))
        }
    }

    @Test func redirectsAreFollowedUnlessTurnedOff() async throws {
        try await StandInServer.with(Self.respond) { server in
            let (followed, read) = try await call(server, ["url": .string(server.baseURL + "/moved")])
            #expect(followed?.outputs?["body"] == ["ok": true])
            #expect(read?.outputs?["value"] == 200)
            let (refused, _) = try await call(
                server, ["url": .string(server.baseURL + "/moved"), "followRedirect": false])
            #expect(
                refused?.error?.message
                    == "server responded with status 302. Enable 'Follow redirect' to let the HTTP action follow redirections"
            )
        }
    }

    @Test func responsesParseByContentTypeAndEncoding() async throws {
        try await StandInServer.with(Self.respond) { server in
            func parsed(_ path: String, _ extra: [String: JSONValue] = [:]) async throws -> JSONValue? {
                var parameters = extra
                parameters["url"] = .string(server.baseURL + path)
                return try await call(server, parameters).0?.outputs?["body"]
            }
            let form = try await parsed("/form")
            #expect(form == ["a": "1", "b": "x y"])
            let value1 = try await parsed("/bytes")
            #expect(value1 == "iVBORw==")
            let value2 = try await parsed("/latin1")
            #expect(value2 == "café")
            let value3 = try await parsed("/json-bad", ["responseParsing": "json"])
            #expect(value3 == "{not json")
            let value4 = try await parsed("/ok", ["responseParsing": "raw"])
            #expect(value4 == #"{"ok":true}"#)
            let value5 = try await parsed("/bytes", ["responseEncoding": "hex"])
            #expect(value5 == "89504e47")
            let value6 = try await parsed("/ok", ["responseEncoding": "base64url", "responseParsing": "raw"])
            #expect(value6 == "eyJvayI6dHJ1ZX0")
        }
    }

    @Test func theTaskTimeoutEndsTheStepWithTheRunnersMessage() async throws {
        try await TestHTTPServer.with { server in
            let steps = [WorkflowRun.step("Call", Self.http, ["url": .string(server.url("/slow")), "timeout": 1])]
            let summary = try await WorkflowRun.run(steps)
            #expect(summary.step("Call")?.error?.code == "TIMED_OUT")
            #expect(summary.step("Call")?.error?.message == "task execution exceeded global timeout of 1 seconds")
        }
    }
}
