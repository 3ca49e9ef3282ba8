import Foundation
import HTTPTypes
import Hummingbird
import Testing
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowServer

extension RecordedResponseTests {
    /// Every member of `recorded` is in `ours` with the same JSON type, recursively (arrays by their first
    /// element); ours may add members. Members Stepwise cannot have (``unmatched``) are skipped.
    static func expectShape(_ ours: JSONValue, covers recorded: JSONValue, path: String) {
        switch (ours, recorded) {
        case (.object(let mine), .object(let theirs)):
            for (key, value) in theirs where !unmatched.contains(key) {
                guard let counterpart = mine[key] else {
                    Issue.record("\(path)/\(key) is missing")
                    continue
                }
                expectShape(counterpart, covers: value, path: "\(path)/\(key)")
            }
        case (.array(let mine), .array(let theirs)):
            if let first = theirs.first, let counterpart = mine.first {
                expectShape(counterpart, covers: first, path: "\(path)/0")
            }
        case (_, .null):
            break
        default:
            #expect(ours.typeName == recorded.typeName, "\(path): \(ours.typeName) vs \(recorded.typeName)")
        }
    }

    /// The workflow attributes match the recording, timestamps aside.
    static func expectSameWorkflow(_ ours: JSONValue, _ recorded: JSONValue, file: String) {
        var mine = ours["data"]?["attributes"]?.objectValue ?? [:]
        var theirs = recorded["data"]?["attributes"]?.objectValue ?? [:]
        for key in ["createdAt", "updatedAt"] {
            #expect(mine.removeValue(forKey: key)?.stringValue?.hasSuffix("Z") == true, "\(file): \(key)")
            theirs.removeValue(forKey: key)
        }
        // Tags are a set: Datadog has answered them both sorted and in the order sent.
        for key in ["tags"] {
            mine[key] = mine[key]?.arrayValue.map { .array($0.sorted { $0.compactJSON < $1.compactJSON }) }
            theirs[key] = theirs[key]?.arrayValue.map { .array($0.sorted { $0.compactJSON < $1.compactJSON }) }
        }
        #expect(mine == theirs, "\(file)")
        #expect(ours["data"]?["type"] == "workflows")
    }
}

/// HTTP methods by their recorded names.
enum HTTPMethodName {
    static func method(_ name: String) -> HTTPRequest.Method {
        switch name {
        case "POST": return .post
        case "PUT": return .put
        case "PATCH": return .patch
        case "DELETE": return .delete
        default: return .get
        }
    }
}

extension APIClient {
    /// Sends `json` as the body when `sendBody`, else no body.
    func send(_ method: HTTPRequest.Method, _ uri: String, json: JSONValue, sendBody: Bool) async throws -> APIReply {
        sendBody ? try await send(method, uri, json: json) : try await send(method, uri)
    }
}
