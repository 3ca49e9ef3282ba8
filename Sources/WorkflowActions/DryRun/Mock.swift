import WorkflowModel

/// What a mocked step does on an attempt: succeed with outputs (and a branch), fail with a message, or play a
/// sequence — attempt *n* plays item *n*, the last item repeats.
public indirect enum Mock: Sendable, Hashable {
    case succeed(outputs: JSONValue, branch: String)
    case fail(message: String)
    case sequence([Mock])

    /// Reads `{"outputs": …, "branch": …}`, `{"fail": "message"}` or `{"sequence": [mock, …]}`.
    /// - Throws: ``MockError`` naming `path` and the field at fault.
    public init(json: JSONValue, at path: String) throws(MockError) {
        guard let members = json.objectValue else {
            throw MockError("\(path): a mock is an object with \"outputs\", \"fail\" or \"sequence\"")
        }
        let known: Set<String> = ["outputs", "branch", "fail", "sequence"]
        if let field = Set(members.keys).subtracting(known).sorted().first {
            throw MockError("\(path): unknown field \"\(field)\" (a mock has outputs, branch, fail or sequence)")
        }
        if let message = members["fail"] {
            guard let text = message.stringValue, members.count == 1 else {
                throw MockError("\(path): \"fail\" is a message string and stands alone")
            }
            self = .fail(message: text)
        } else if let items = members["sequence"] {
            guard let list = items.arrayValue, !list.isEmpty, members.count == 1 else {
                throw MockError("\(path): \"sequence\" is a non-empty list of mocks and stands alone")
            }
            var mocks: [Mock] = []
            for (index, item) in list.enumerated() {
                mocks.append(try Mock(json: item, at: "\(path).sequence[\(index)]"))
            }
            self = .sequence(mocks)
        } else {
            let outputs = members["outputs"] ?? .emptyObject
            guard outputs.objectValue != nil else { throw MockError("\(path): \"outputs\" must be an object") }
            let branch = members["branch"] ?? "main"
            guard let name = branch.stringValue, !name.isEmpty else {
                throw MockError("\(path): \"branch\" must be a non-empty string")
            }
            self = .succeed(outputs: outputs, branch: name)
        }
    }

    /// What attempt `attempt` (1 for the first) does.
    public func play(attempt: Int) throws(ActionError) -> ActionResult {
        switch self {
        case .succeed(let outputs, let branch):
            return ActionResult(outputs: outputs, branch: branch)
        case .fail(let message):
            throw ActionError(.failed, message)
        case .sequence(let mocks):
            guard let last = mocks.last else { return ActionResult() }
            let index = max(0, attempt - 1)
            return try (index < mocks.count ? mocks[index] : last).play(attempt: 1)
        }
    }
}

/// A mock file that does not have the documented shape.
public struct MockError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The only code: the mock file is malformed.
    public static let code = "MALFORMED_MOCKS"
    /// A message naming the entry and field at fault.
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
