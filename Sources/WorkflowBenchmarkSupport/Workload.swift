import WorkflowModel

/// The generated workflow shapes `stepwise bench` and the benchmark suites run. Every step is a
/// `com.datadoghq.core.noop` (outputs `{}`, branch `main`), so what is measured is the engine's own cost.
public enum Workload: String, Sendable, CaseIterable {
    /// `S0 -> S1 -> … -> S(n-1)`: `size` steps in a row.
    case chain
    /// `Start -> W0…W(n-1) -> Join` with an ALL merge: `size + 2` steps.
    case fanout
    /// A row of diamonds `Split -> (Left, Right) -> Join`, each join the next split: about `size` steps.
    case diamond
    /// `size` independent steps, all started by the trigger (no edges).
    case many
    /// A random DAG of `size` steps (seeded, so the same every run): each step after the first has one to three
    /// predecessors among the earlier ones; ALL merges.
    case random

    /// The action every generated step runs.
    public static let noopAction = "com.datadoghq.core.noop"

    /// The spec of this shape with `size` steps (`size` branches for ``fanout``), started by a workflow trigger.
    public func spec(size: Int) -> WorkflowSpec {
        let size = max(size, 1)
        switch self {
        case .chain: return Self.chain(size)
        case .fanout: return Self.fanOut(size)
        case .diamond: return Self.diamond(size)
        case .many: return Self.many(size)
        case .random: return Self.random(size)
        }
    }

    /// A noop step with `main` edges to `next`.
    static func step(_ name: String, next: [String]) -> Step {
        Step(
            name: name, actionId: noopAction,
            outboundEdges: next.isEmpty ? nil : next.map { OutboundEdge(nextStepName: $0, branchName: "main") })
    }

    static func spec(_ steps: [Step], start: [String]) -> WorkflowSpec {
        WorkflowSpec(steps: steps, triggers: [Trigger(kind: .workflow, startStepNames: start)])
    }

    static func chain(_ count: Int) -> WorkflowSpec {
        let steps = (0..<count).map { index in
            step("S\(index)", next: index + 1 < count ? ["S\(index + 1)"] : [])
        }
        return spec(steps, start: ["S0"])
    }

    static func fanOut(_ width: Int) -> WorkflowSpec {
        var steps = [step("Start", next: (0..<width).map { "W\($0)" })]
        steps += (0..<width).map { step("W\($0)", next: ["Join"]) }
        steps.append(step("Join", next: []))
        return spec(steps, start: ["Start"])
    }

    static func diamond(_ size: Int) -> WorkflowSpec {
        let diamonds = max((size - 1) / 3, 1)
        var steps: [Step] = []
        for index in 0..<diamonds {
            steps.append(step("D\(index)", next: ["L\(index)", "R\(index)"]))
            steps.append(step("L\(index)", next: ["D\(index + 1)"]))
            steps.append(step("R\(index)", next: ["D\(index + 1)"]))
        }
        steps.append(step("D\(diamonds)", next: []))
        return spec(steps, start: ["D0"])
    }

    static func many(_ count: Int) -> WorkflowSpec {
        let steps = (0..<count).map { step("S\($0)", next: []) }
        return spec(steps, start: steps.map(\.name))
    }

    static func random(_ count: Int) -> WorkflowSpec {
        var generator = SplitMix64(seed: 0x5EED)
        var next = [[String]](repeating: [], count: count)
        for index in 1..<max(count, 1) {
            let parents = 1 + Int(generator.next() % 3)
            var chosen = Set<Int>()
            for _ in 0..<parents { chosen.insert(Int(generator.next() % UInt64(index))) }
            for parent in chosen.sorted() { next[parent].append("S\(index)") }
        }
        let steps = (0..<count).map { step("S\($0)", next: next[$0]) }
        return spec(steps, start: ["S0"])
    }
}

/// A tiny deterministic random generator, so a "random" workload is the same on every machine.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
