// The TaskGroupDAG baseline of benchmarks/Sources/TaskGroupBaseline alone in one file (it builds in seconds with
// swiftc -O), for the chain and fan-out shapes of compare.sh: taskgroup-shapes WORKLOAD SIZE INSTANCES [ROUNDS]
// [WARMUPS].
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


// Usage: taskgroup-shapes WORKLOAD SIZE INSTANCES (chain or fanout) [ROUNDS] [WARMUPS]; best of ROUNDS (3) after
// WARMUPS (2) warm-ups, as compare-swift.
let arguments = CommandLine.arguments
let workload = arguments.count > 1 ? arguments[1] : "chain"
let size = arguments.count > 2 ? Int(arguments[2]) ?? 10 : 10
let instances = arguments.count > 3 ? Int(arguments[3]) ?? 1 : 1
let dag: DAG
if workload == "fanout" {
    // 0 -> 1...size -> size + 1
    var successors: [[Int]] = [Array(1...size)]
    for _ in 1...size { successors.append([size + 1]) }
    successors.append([])
    dag = DAG(successors: successors, indegree: [0] + Array(repeating: 1, count: size) + [size], starts: [0])
} else {
    dag = DAG(
        successors: (0..<size).map { $0 + 1 < size ? [$0 + 1] : [] },
        indegree: (0..<size).map { $0 == 0 ? 0 : 1 }, starts: [0])
}
let warmups = arguments.count > 5 ? Int(arguments[5]) ?? 2 : 2
for _ in 0..<warmups { _ = await dag.run(instances: instances) }
let clock = ContinuousClock()
var best = Double.infinity
var steps = 0
let rounds = arguments.count > 4 ? Int(arguments[4]) ?? 3 : 3
for _ in 0..<rounds {
    let start = clock.now
    steps = await dag.run(instances: instances)
    let (s, atto) = start.duration(to: clock.now).components
    best = min(best, Double(s) + Double(atto) / 1e18)
}
print("{\"engine\": \"swift-taskgroup\", \"workload\": \"\(workload)\", \"size\": \(size), \"instances\": \(instances), \"steps\": \(steps), \"seconds\": \(best)}")
