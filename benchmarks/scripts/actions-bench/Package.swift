// swift-tools-version: 6.1
// Throwaway measurement of the HTTP and shell actions (docs/actions.md). Run: ./run.sh
import PackageDescription

let package = Package(
    name: "actions-bench",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "stepwise", path: "../../.."),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .executableTarget(
            name: "ActionsBench",
            dependencies: [
                .product(name: "WorkflowActions", package: "stepwise"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        )
    ]
)
