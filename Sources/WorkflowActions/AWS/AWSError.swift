import Foundation
import WorkflowModel

/// An error AWS answered with (or a transport failure on the way): the service's error code, its message and
/// the HTTP status.
public struct AWSError: Error, Sendable, Hashable, CustomStringConvertible {
    /// AWS's error code (`NoSuchEntity`, `InvalidClientTokenId`, …), or `Transport`/`TimedOut`/`Canceled`.
    public var code: String
    public var message: String
    /// The HTTP status; 0 when no response arrived.
    public var status: Int
    /// The operation that failed (`iam:DeleteLoginProfile`).
    public var operation: String

    public init(code: String, message: String, status: Int, operation: String) {
        self.code = code
        self.message = message
        self.status = status
        self.operation = operation
    }

    public var description: String {
        let statusText = status == 0 ? "" : "HTTP \(status) "
        return "AWS \(operation) failed (\(statusText)\(code)): \(message)"
    }

    /// The step error it becomes: `.timedOut`/`.canceled` for those, `.failed` otherwise.
    public var actionError: ActionError {
        switch code {
        case "TimedOut": ActionError(.timedOut, description)
        case "Canceled": ActionError(.canceled, description)
        default: ActionError(.failed, description)
        }
    }

    /// The error a failing response carries, read from its XML (`<Error><Code>`), JSON (`__type`, `message`)
    /// or headers (`x-amzn-ErrorType`).
    static func from(response: AWSResponse, operation: String) -> AWSError {
        var code = response.header("x-amzn-ErrorType").map(Self.shortCode)
        var message: String?
        if let xml = try? AWSXML.parse(response.body) {
            let error = xml.name == "Error" ? Optional(xml) : (xml["Error"] ?? xml["Errors"]?["Error"])
            code = error?["Code"]?.text ?? code
            message = error?["Message"]?.text
        } else if let json = try? JSONValue.parse(Data(response.body)) {
            code = json["__type"]?.stringValue.map(Self.shortCode) ?? json["code"]?.stringValue ?? code
            message = json["message"]?.stringValue ?? json["Message"]?.stringValue
        }
        let fallback = String(decoding: response.body.prefix(500), as: UTF8.self)
        return AWSError(
            code: code ?? "HTTP\(response.status)", message: message ?? (fallback.isEmpty ? "no details" : fallback),
            status: response.status, operation: operation)
    }

    /// `com.amazonaws.ecs#ClusterNotFoundException` → `ClusterNotFoundException`; `Name:extra` → `Name`.
    private static func shortCode(_ text: String) -> String {
        let afterHash = text.split(separator: "#").last.map(String.init) ?? text
        return afterHash.split(separator: ":").first.map(String.init) ?? afterHash
    }
}
