import Foundation
import WorkflowEngine
import WorkflowModel

extension StoreCoding {
    /// The journal column of `event`. The two events every step writes (`stepStarted`, `stepSucceeded`) and the
    /// one every instance ends with (`instanceFinished`) are written by hand in the layout `JSONEncoder` gives the
    /// synthesized `Codable` of ``InstanceEvent`` (absent optionals left out; member order aside, which
    /// `JSONEncoder` does not fix either); the others, and any value holding a non-finite number (which `JSONEncoder` refuses), go through
    /// `JSONEncoder`. Both read back with `JSONDecoder` into the same event.
    package static func encodeEvent(
        _ event: InstanceEvent, _ what: @autoclosure () -> String
    ) throws(StoreError) -> String {
        switch event {
        case .stepStarted(let step, let attempt, let inputs) where inputs.values.allSatisfy(\.isFinite):
            return "{\"stepStarted\":{\"step\":\(JSONValue.string(step).compactJSON),\"attempt\":\(attempt),"
                + "\"inputs\":\(JSONValue.object(inputs).compactJSON)}}"
        case .stepSucceeded(let step, let attempt, let outputs, let branch) where outputs.isFinite:
            return "{\"stepSucceeded\":{\"step\":\(JSONValue.string(step).compactJSON),\"attempt\":\(attempt),"
                + "\"outputs\":\(outputs.compactJSON),\"branch\":\(JSONValue.string(branch).compactJSON)}}"
        case .instanceFinished(let status, let outputs, let error) where outputs.isFinite:
            let end = error.map { ",\"error\":" + $0.storedJSON } ?? ""
            return "{\"instanceFinished\":{\"status\":\"\(status.rawValue)\",\"outputs\":\(outputs.compactJSON)\(end)}}"
        default:
            return try encode(event, what())
        }
    }
}

extension JSONValue {
    /// Whether every number inside is finite (JSON has no NaN or infinity).
    var isFinite: Bool {
        switch self {
        case .null, .bool, .string: return true
        case .number(let number): return number.isFinite
        case .array(let elements): return elements.allSatisfy(\.isFinite)
        case .object(let members): return members.values.allSatisfy(\.isFinite)
        }
    }
}
