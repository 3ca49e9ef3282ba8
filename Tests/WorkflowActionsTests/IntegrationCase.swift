import Foundation
import Testing
import WorkflowModel
import WorkflowTestSupport

/// One integration action in a workflow run against a stand-in for its service: the step's parameters (templates
/// reading a `Setup` step's outputs), the request the service's API reference documents, the answer, and the
/// output a later step reads.
struct IntegrationCase: Sendable, CustomTestStringConvertible {
    var action: String
    /// The connection entry, without its base URL (the stand-in's is added under `baseField`).
    var connection: JSONValue
    /// Where the stand-in's URL goes in the entry: `baseUrl`, or a service field such as `siteUrl`.
    var baseField = "baseUrl"
    /// The step's `connectionLabel`; nil: the manifest's default connection (the entry is named after it).
    var label: String?
    var connectionName: String
    /// `Steps.Setup.value` for the templates.
    var setup: JSONValue
    var parameters: [String: JSONValue]
    var method: String
    var path: String
    /// The query the request must carry, when the action sends one (`a=1&b=2`, in any order).
    var query: String?
    /// Headers the request must carry (lower-cased names).
    var headers: [String: String]
    /// Headers it must not carry.
    var absentHeaders: [String] = []
    var body: JSONValue?
    var response: StandInServer.Response
    /// The output path (after `Steps.Call.`) a later step reads, and its value.
    var output: String
    var expected: JSONValue
    /// A failing answer and the step error message it gives.
    var failure: StandInServer.Response
    var failureMessage: String

    var testDescription: String { action }

    static func basic(_ user: String, _ password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }
}
