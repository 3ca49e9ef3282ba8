import Testing
import WorkflowEngine
import WorkflowModel

// Parameterized tests name their arguments in the test output; these keep that to one short line instead of a
// dump of a whole value.

extension JSONValue: CustomTestStringConvertible {
    public var testDescription: String {
        let text = compactJSON
        return text.count <= 60 ? text : String(text.prefix(57)) + "…"
    }
}

extension InstanceSummary: CustomTestStringConvertible {
    public var testDescription: String { "instance \(id) (\(status.rawValue), \(steps.count) steps)" }
}
