// The TaskGroupDAG baseline of benchmarks/Sources/TaskGroupBaseline for a 10-step chain, alone in one file (so it
// builds in seconds with swiftc -O): W warm-ups, then one timed run of 1,000 instances started at once.
struct DAG: Sendable {
    let successors: [[Int]]
    let indegree: [Int]
    let starts: [Int]

    func run() async -> Int {
        var remaining = indegree
        var finished = 0
        await withTaskGroup(of: Int.self) { group in
            for step in starts { group.addTask { await Self.noop(step) } }
            while let step = await group.next() {
                finished += 1
                for next in successors[step] {
                    remaining[next] -= 1
                    if remaining[next] == 0 { group.addTask { await Self.noop(next) } }
                }
            }
        }
        return finished
    }

    func run(instances: Int) async -> Int {
        await withTaskGroup(of: Int.self) { group in
            for _ in 0..<instances { group.addTask { await self.run() } }
            var total = 0
            for await steps in group { total += steps }
            return total
        }
    }

    @inline(never)
    static func noop(_ step: Int) async -> Int { step }
}

let size = 10
let dag = DAG(
    successors: (0..<size).map { $0 + 1 < size ? [$0 + 1] : [] },
    indegree: (0..<size).map { $0 == 0 ? 0 : 1 }, starts: [0])
let warmups = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 5 : 5
for _ in 0..<warmups { _ = await dag.run(instances: 1000) }
let clock = ContinuousClock()
let start = clock.now
let steps = await dag.run(instances: 1000)
let elapsed = start.duration(to: clock.now)
let (s, atto) = elapsed.components
print("{\"steps\": \(steps), \"seconds\": \(Double(s) + Double(atto) / 1e18)}")
