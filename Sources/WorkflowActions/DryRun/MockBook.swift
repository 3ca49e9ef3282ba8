import WorkflowModel

/// A dry run's mock file: mocks by step name, then by action id (format: `docs/dry-run.md`).
///
/// ```json
/// {"steps": {"Create issue": {"outputs": {"number": 7}}},
///  "actions": {"com.datadoghq.http.request": {"sequence": [{"fail": "503"}, {"outputs": {"status": 200}}]}}}
/// ```
public struct MockBook: Sendable, Hashable {
    /// Where a step's mock came from.
    public enum Source: String, Sendable, Hashable {
        /// `steps.<name>`.
        case step
        /// `actions.<actionId>`.
        case action
        /// No mock: outputs `{}`.
        case none
    }

    public var steps: [String: Mock]
    public var actions: [String: Mock]

    /// No mocks: every mocked step outputs `{}`.
    public init(steps: [String: Mock] = [:], actions: [String: Mock] = [:]) {
        self.steps = steps
        self.actions = actions
    }

    /// Reads the file's JSON (the CLI converts YAML first).
    /// - Throws: ``MockError`` naming the entry at fault.
    public init(json: JSONValue) throws(MockError) {
        guard let members = json.objectValue else {
            throw MockError("a mock file is an object with \"steps\" and/or \"actions\"")
        }
        if let field = Set(members.keys).subtracting(["steps", "actions"]).sorted().first {
            throw MockError("unknown field \"\(field)\" (a mock file has steps and actions)")
        }
        steps = try Self.mocks(members["steps"], section: "steps")
        actions = try Self.mocks(members["actions"], section: "actions")
    }

    private static func mocks(_ value: JSONValue?, section: String) throws(MockError) -> [String: Mock] {
        guard let value, !value.isNull else { return [:] }
        guard let members = value.objectValue else { throw MockError("\"\(section)\" must be an object") }
        var result: [String: Mock] = [:]
        for (name, item) in members {
            result[name] = try Mock(json: item, at: "\(section).\(name)")
        }
        return result
    }

    /// The mock for a step: by its name, then by its action id.
    public func mock(step: String, actionId: String) -> (Mock?, Source) {
        if let mock = steps[step] { return (mock, .step) }
        if let mock = actions[actionId] { return (mock, .action) }
        return (nil, .none)
    }
}
