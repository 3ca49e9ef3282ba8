// swift-tools-version: 6.1
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "stepwise",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "stepwise", targets: ["StepwiseCLI"]),
        .library(name: "WorkflowModel", targets: ["WorkflowModel"]),
        .library(name: "WorkflowEngine", targets: ["WorkflowEngine"]),
        .library(name: "WorkflowActions", targets: ["WorkflowActions"]),
        .library(name: "WorkflowStore", targets: ["WorkflowStore"]),
        .library(name: "WorkflowRuntime", targets: ["WorkflowRuntime"]),
        .library(name: "WorkflowAPI", targets: ["WorkflowAPI"]),
        .library(name: "WorkflowServer", targets: ["WorkflowServer"]),
        .library(name: "WorkflowGraphics", targets: ["WorkflowGraphics"]),
        .library(name: "WorkflowScript", targets: ["WorkflowScript"]),
        .library(name: "PostgresStore", targets: ["PostgresStore"]),
        // Action bundles: the private action runner's PostgreSQL bundle.
        .library(name: "PostgresActions", targets: ["PostgresActions"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        // Serving safely: TLS certificates for `serve`.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // Observability: metrics (swift-metrics, Prometheus text), traces (swift-distributed-tracing, OTLP/HTTP only).
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.7.3"),
        .package(url: "https://github.com/swift-otel/swift-otel", from: "1.6.0", traits: ["OTLPHTTP"]),
        // PostgreSQL store (Sources/PostgresStore)
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .target(name: "WorkflowModel", swiftSettings: strictSettings),
        .target(
            name: "WorkflowEngine",
            dependencies: [
                "WorkflowModel",
                .product(name: "DequeModule", package: "swift-collections"),
            ],
            swiftSettings: strictSettings
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(
            name: "WorkflowActions",
            dependencies: [
                "WorkflowModel",
                "CCurl",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .systemLibrary(
            name: "CJavaScriptCore",
            pkgConfig: "javascriptcoregtk-4.1",
            providers: [.apt(["libjavascriptcoregtk-4.1-dev", "libjs-lodash"])]
        ),
        .target(
            name: "WorkflowScript",
            dependencies: ["WorkflowModel", "WorkflowEngine", "WorkflowActions", "CJavaScriptCore"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "WorkflowStore",
            dependencies: ["WorkflowModel", "WorkflowEngine", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "PostgresStore",
            dependencies: [
                "WorkflowModel", "WorkflowEngine", "WorkflowStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // Action bundles: the private action runner's PostgreSQL bundle (com.datadoghq.postgresql.*).
        .target(
            name: "PostgresActions",
            dependencies: [
                "WorkflowModel", "WorkflowActions",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "WorkflowGraphics",
            dependencies: [
                "WorkflowModel", "WorkflowEngine",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "WorkflowRuntime",
            dependencies: [
                "WorkflowModel",
                "WorkflowEngine",
                "WorkflowActions",
                "WorkflowStore",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
                // Observability: the runtime's metrics and spans.
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "WorkflowAPI",
            dependencies: ["WorkflowModel", "WorkflowEngine", "WorkflowStore", "CCurl"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "WorkflowServer",
            dependencies: [
                "WorkflowModel", "WorkflowEngine", "WorkflowActions", "WorkflowRuntime", "WorkflowStore",
                "WorkflowGraphics", "WorkflowAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                // Serving safely: TLS with certificates reloaded on SIGHUP, keys files (YAML or JSON).
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
                // Observability: API request metrics and the /metrics endpoint.
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "WorkflowBenchmarkSupport",
            dependencies: [
                "WorkflowModel", "WorkflowEngine", "WorkflowActions", "WorkflowStore", "WorkflowRuntime",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "StepwiseCLI",
            dependencies: [
                "WorkflowModel",
                "WorkflowBenchmarkSupport",
                "WorkflowEngine",
                "WorkflowActions",
                "WorkflowStore",
                "WorkflowRuntime",
                "WorkflowServer",
                "WorkflowGraphics",
                "WorkflowScript",
                "WorkflowAPI",
                "PostgresStore",
                // Action bundles.
                "PostgresActions",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                // Observability: the metrics and tracing bootstrap.
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "OTel", package: "swift-otel"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // `bench --workers` starts worker processes.
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "WorkflowTestSupport",
            dependencies: [
                "WorkflowModel", "WorkflowEngine", "WorkflowActions", "WorkflowRuntime", "WorkflowStore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                // Action bundles: HTTPS stand-ins (the Kubernetes API) and whole-workflow runs.
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/WorkflowTestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WorkflowModelTests",
            dependencies: ["WorkflowModel", "WorkflowTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WorkflowEngineTests",
            dependencies: ["WorkflowModel", "WorkflowEngine", "WorkflowTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WorkflowActionsTests",
            dependencies: [
                "WorkflowModel", "WorkflowActions", "WorkflowTestSupport",
                "WorkflowEngine", "WorkflowRuntime", "WorkflowStore", "WorkflowScript",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WorkflowScriptTests",
            dependencies: [
                "WorkflowModel", "WorkflowEngine", "WorkflowActions", "WorkflowStore", "WorkflowRuntime",
                "WorkflowScript", "WorkflowTestSupport", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WorkflowStoreTests",
            dependencies: [
                "WorkflowModel", "WorkflowEngine", "WorkflowStore", "WorkflowTestSupport",
                "PostgresStore",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WorkflowRuntimeTests",
            dependencies: [
                "WorkflowModel", "WorkflowEngine", "WorkflowActions", "WorkflowStore", "WorkflowRuntime",
                "WorkflowScript", "WorkflowTestSupport", .product(name: "Logging", package: "swift-log"),
                // Observability tests: an injected registry and an in-memory tracer.
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
                // Durable sleeps: the restart test also runs on a PostgreSQL store.
                "PostgresStore",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WorkflowServerTests",
            dependencies: [
                "WorkflowModel", "WorkflowEngine", "WorkflowActions", "WorkflowStore", "WorkflowRuntime",
                "WorkflowServer", "WorkflowScript", "WorkflowAPI", "WorkflowTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strictSettings
        ),
        // Action bundles: the PostgreSQL bundle against a real server.
        .testTarget(
            name: "PostgresActionsTests",
            dependencies: [
                "WorkflowModel", "WorkflowEngine", "WorkflowActions", "WorkflowRuntime", "WorkflowStore",
                "PostgresActions", "WorkflowTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WorkflowGraphicsTests",
            dependencies: [
                "WorkflowModel", "WorkflowEngine", "WorkflowStore", "WorkflowGraphics", "WorkflowTestSupport",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WorkflowCLITests",
            dependencies: [
                "StepwiseCLI", "WorkflowModel", "WorkflowTestSupport", "WorkflowStore", "WorkflowEngine",
                "PostgresStore",
            ],
            swiftSettings: strictSettings
        ),
    ]
)
