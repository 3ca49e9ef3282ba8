// swift-tools-version: 6.1
// The fuzzing harnesses (libFuzzer), a package of their own so the main build never needs libFuzzer.
// Built and run by scripts/fuzz; see fuzz/README.md.
import PackageDescription

let package = Package(
    name: "stepwise-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "stepwise", path: ".."),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .executableTarget(
            name: "StepwiseFuzz",
            dependencies: [
                .product(name: "WorkflowModel", package: "stepwise"),
                .product(name: "WorkflowEngine", package: "stepwise"),
                .product(name: "WorkflowActions", package: "stepwise"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        )
    ]
)
