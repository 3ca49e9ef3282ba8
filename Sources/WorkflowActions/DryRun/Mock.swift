import WorkflowModel

/// What a mocked step does on an attempt: succeed with outputs (and a branch), fail with a message, play a
/// sequence — attempt *n* plays item *n*, the last item repeats — or play by loop iteration: iteration *i* (from
/// 0) plays item *i*, the last item repeats (docs/loops.md).
public indirect enum Mock: Sendable, Hashable {
    case succeed(outputs: JSONValue, branch: String)
    case fail(message: String)
    case sequence([Mock])
    case iterations([Mock])

    /// Reads `{"outputs": …, "branch": …}`, `{"fail": "message"}`, `{"sequence": [mock, …]}` or
    /// `{"iterations": [mock, …]}`.
    /// - Throws: ``MockError`` naming `path` and the field at fault.
    public init(json: JSONValue, at path: String) throws(MockError) {
        guard let members = json.objectValue else {
            throw MockError("\(path): a mock is an object with \"outputs\", \"fail\" or \"sequence\"")
        }
        let known: Set<String> = ["outputs", "branch", "fail", "sequence", "iterations"]
        if let field = Set(members.keys).subtracting(known).sorted().first {
            throw MockError(
                "\(path): unknown field \"\(field)\" (a mock has outputs, branch, fail, sequence or iterations)")
        }
        if let message = members["fail"] {
            guard let text = message.stringValue, members.count == 1 else {
                throw MockError("\(path): \"fail\" is a message string and stands alone")
            }
            self = .fail(message: text)
        } else if let key = ["sequence", "iterations"].first(where: { members[$0] != nil }) {
            guard let list = members[key]?.arrayValue, !list.isEmpty, members.count == 1 else {
                throw MockError("\(path): \"\(key)\" is a non-empty list of mocks and stands alone")
            }
            var mocks: [Mock] = []
            for (index, item) in list.enumerated() {
                mocks.append(try Mock(json: item, at: "\(path).\(key)[\(index)]"))
            }
            self = key == "sequence" ? .sequence(mocks) : .iterations(mocks)
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

    /// What attempt `attempt` (1 for the first) of loop iteration `iteration` (`nil` outside a loop) does.
    public func play(attempt: Int, iteration: Int? = nil) throws(ActionError) -> ActionResult {
        switch self {
        case .succeed(let outputs, let branch):
            return ActionResult(outputs: outputs, branch: branch)
        case .fail(let message):
            throw ActionError(.failed, message)
        case .sequence(let mocks):
            return try Self.item(mocks, at: attempt - 1).play(attempt: 1, iteration: iteration)
        case .iterations(let mocks):
            return try Self.item(mocks, at: iteration ?? 0).play(attempt: attempt)
        }
    }

    /// Item `index` of a non-empty list, the last one past its end.
    private static func item(_ mocks: [Mock], at index: Int) -> Mock {
        let index = max(0, index)
        return index < mocks.count ? mocks[index] : mocks[mocks.count - 1]
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
