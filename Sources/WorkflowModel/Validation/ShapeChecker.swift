/// Checks a JSON value against a ``Shape`` and collects every mismatch with its pointer.
///
/// The current path is a stack of tokens; a ``JSONPointer`` is built only when a problem is found, so a
/// well-formed 10,000-step spec is checked without allocating per node.
struct ShapeChecker {
    private(set) var issues: [ValidationIssue] = []
    private var path: [String] = []

    init() {}

    /// Checks `value` (found at the root of the document) against `shape`.
    static func check(_ value: JSONValue, against shape: Shape) -> [ValidationIssue] {
        var checker = ShapeChecker()
        checker.check(value, shape)
        return checker.issues
    }

    private var pointer: JSONPointer { JSONPointer(tokens: path) }

    private mutating func report(_ detail: String) {
        issues.append(.error(pointer, detail))
    }

    private mutating func descend(_ token: String, _ body: (inout ShapeChecker) -> Void) {
        path.append(token)
        body(&self)
        path.removeLast()
    }

    mutating func check(_ value: JSONValue, _ shape: Shape) {
        switch shape {
        case .any:
            return
        case .string:
            if case .string = value { return }
            report(Self.mismatch("a string", value))
        case .number:
            if case .number = value { return }
            report(Self.mismatch("a number", value))
        case .integer:
            if case .number(let number) = value, number.rounded() == number, number.isFinite { return }
            report(Self.mismatch("an integer", value))
        case .boolean:
            if case .bool = value { return }
            report(Self.mismatch("a boolean", value))
        case .duration:
            guard case .string(let text) = value else { return report(Self.mismatch("a duration string", value)) }
            do {
                _ = try SpecDuration(text)
            } catch {
                report(error.description)
            }
        case .enumeration(let name, let values):
            guard case .string(let text) = value else { return report(Self.mismatch("a string", value)) }
            if !values.contains(text) {
                report("unknown \(name) \"\(text)\"; expected one of \(values.joined(separator: ", "))")
            }
        case .array(let element):
            guard case .array(let items) = value else { return report(Self.mismatch("an array", value)) }
            for (index, item) in items.enumerated() {
                descend(String(index)) { $0.check(item, element) }
            }
        case .object(let object):
            checkObject(value, object)
        case .trigger:
            checkTrigger(value)
        }
    }

    private mutating func checkObject(_ value: JSONValue, _ shape: ObjectShape) {
        guard case .object(let members) = value else { return report(Self.mismatch("an object", value)) }
        for name in shape.required where members[name] == nil {
            descend(name) { $0.report("missing required field \"\(name)\"") }
        }
        for (name, member) in members.sorted(by: { $0.key < $1.key }) {
            if let memberShape = shape.properties[name] {
                descend(name) { $0.check(member, memberShape) }
            } else if !shape.allowsUnknownMembers {
                descend(name) { $0.report("unknown field \"\(name)\"") }
            }
        }
    }

    private mutating func checkTrigger(_ value: JSONValue) {
        guard case .object(let members) = value else { return report(Self.mismatch("an object", value)) }
        var kinds: [TriggerKind] = []
        for (name, member) in members.sorted(by: { $0.key < $1.key }) {
            if name == "startStepNames" {
                descend(name) { $0.check(member, Shape.strings) }
            } else if let kind = TriggerKind(rawValue: name) {
                kinds.append(kind)
                descend(name) { $0.checkObject(member, Shape.triggerOptions(kind)) }
            } else {
                descend(name) { $0.report("unknown field \"\(name)\"") }
            }
        }
        if kinds.isEmpty {
            report("a trigger needs exactly one trigger kind (apiTrigger, workflowTrigger, …)")
        } else if kinds.count > 1 {
            report("a trigger has exactly one trigger kind, found \(kinds.map(\.rawValue).joined(separator: ", "))")
        }
    }

    /// `expected a string, got number`.
    static func mismatch(_ expected: String, _ value: JSONValue) -> String {
        "expected \(expected), got \(value.typeName)"
    }
}
