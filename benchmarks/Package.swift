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
    ],
    targets: [
        .target(
            name: "TaskGroupBaseline",
            dependencies: [.product(name: "WorkflowModel", package: "stepwise")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "compare-swift",
            dependencies: [
                "TaskGroupBaseline",
                .product(name: "WorkflowModel", package: "stepwise"),
                .product(name: "WorkflowBenchmarkSupport", package: "stepwise"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        benchmarkTarget(
            "SchedulerBenchmarks",
            [
                .product(name: "WorkflowModel", package: "stepwise"),
                .product(name: "WorkflowEngine", package: "stepwise"),
                .product(name: "WorkflowBenchmarkSupport", package: "stepwise"),
            ]),
        benchmarkTarget(
            "RuntimeBenchmarks",
            [
                "TaskGroupBaseline",
                .product(name: "WorkflowModel", package: "stepwise"),
                .product(name: "WorkflowEngine", package: "stepwise"),
                .product(name: "WorkflowStore", package: "stepwise"),
                .product(name: "WorkflowBenchmarkSupport", package: "stepwise"),
            ]),
        benchmarkTarget(
            "StoreBenchmarks",
            [
                .product(name: "WorkflowModel", package: "stepwise"),
                .product(name: "WorkflowEngine", package: "stepwise"),
                .product(name: "WorkflowStore", package: "stepwise"),
                .product(name: "WorkflowBenchmarkSupport", package: "stepwise"),
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
                .product(name: "WorkflowBenchmarkSupport", package: "stepwise"),
            ]),
    ]
)
