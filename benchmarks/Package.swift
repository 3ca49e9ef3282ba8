// swift-tools-version: 6.1
// The benchmark suites: a separate package, so normal builds of stepwise never compile the benchmark tooling.
// Run them all with ./run.sh; thresholds are committed in Thresholds/.
import PackageDescription

let benchmarkTarget: (String, [Target.Dependency]) -> Target = { name, dependencies in
    .executableTarget(
        name: name,
        dependencies: [.product(name: "Benchmark", package: "package-benchmark")] + dependencies,
        path: "Benchmarks/\(name)",
        swiftSettings: [.swiftLanguageMode(.v6)],
        plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
    )
}

let package = Package(
    name: "stepwise-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "stepwise", path: ".."),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        // The HTTP action's local server and the in-process API (the versions stepwise itself resolves).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // The workloads and drivers `stepwise bench` runs, compiled here from the same files (Sources/BenchmarkSupport
        // links to ../Sources/WorkflowBenchmarkSupport): stepwise keeps them internal to its command, not a product.
        .target(
            name: "BenchmarkSupport",
            dependencies: [
                .product(name: "WorkflowModel", package: "stepwise"),
                .product(name: "WorkflowEngine", package: "stepwise"),
                .product(name: "WorkflowActions", package: "stepwise"),
                .product(name: "WorkflowStore", package: "stepwise"),
                .product(name: "WorkflowRuntime", package: "stepwise"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // What recording costs reads the store's row encoding, which only the stepwise package sees; it is
            // measured by `stepwise bench --recording-cost`, not here.
            exclude: ["RecordingCost.swift"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .target(
            name: "TaskGroupBaseline",
            dependencies: [.product(name: "WorkflowModel", package: "stepwise")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .target(
            name: "PingServer",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "ping-server",
            dependencies: ["PingServer"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "compare-swift",
            dependencies: [
                "TaskGroupBaseline",
                .product(name: "WorkflowModel", package: "stepwise"),
                "BenchmarkSupport",
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        benchmarkTarget(
            "SchedulerBenchmarks",
            [
                .product(name: "WorkflowModel", package: "stepwise"),
                .product(name: "WorkflowEngine", package: "stepwise"),
                "BenchmarkSupport",
            ]),
        benchmarkTarget(
            "RuntimeBenchmarks",
            [
                "TaskGroupBaseline",
                .product(name: "WorkflowModel", package: "stepwise"),
                .product(name: "WorkflowEngine", package: "stepwise"),
                .product(name: "WorkflowStore", package: "stepwise"),
                "BenchmarkSupport",
            ]),
        benchmarkTarget(
            "StoreBenchmarks",
            [
                .product(name: "WorkflowModel", package: "stepwise"),
                .product(name: "WorkflowEngine", package: "stepwise"),
                .product(name: "WorkflowStore", package: "stepwise"),
                "BenchmarkSupport",
            ]),
        benchmarkTarget(
            "ScriptBenchmarks",
            [
                .product(name: "WorkflowModel", package: "stepwise"),
                .product(name: "WorkflowEngine", package: "stepwise"),
                .product(name: "WorkflowScript", package: "stepwise"),
            ]),
        benchmarkTarget(
            "ModelBenchmarks",
            [
                .product(name: "WorkflowModel", package: "stepwise"),
                .product(name: "WorkflowEngine", package: "stepwise"),
                "BenchmarkSupport",
            ]),
        benchmarkTarget(
            "ActionBenchmarks",
            [
                "PingServer",
                .product(name: "WorkflowModel", package: "stepwise"),
                .product(name: "WorkflowActions", package: "stepwise"),
            ]),
        benchmarkTarget(
            "ServerBenchmarks",
            [
                .product(name: "WorkflowModel", package: "stepwise"),
                .product(name: "WorkflowActions", package: "stepwise"),
                .product(name: "WorkflowStore", package: "stepwise"),
                .product(name: "WorkflowServer", package: "stepwise"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
    ]
)
