import CoreMetrics
import Hummingbird
import NIOCore
import Prometheus
import WorkflowRuntime

/// `GET /metrics`: every metric of a Prometheus registry in the Prometheus text format (0.0.4).
///
/// A reusable piece: ``addRoute(to:)`` puts it on any router (`serve` has it next to the API), and
/// ``MetricsListener`` is a listener of its own (`run --metrics-port`, workers).
public struct MetricsEndpoint: Sendable {
    /// The path the endpoint answers on.
    public static let path = "/metrics"
    /// The registry whose metrics the endpoint writes.
    public let registry: PrometheusCollectorRegistry

    /// An endpoint over `registry`.
    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    /// A swift-metrics factory writing into `registry`, with Stepwise's histogram buckets
    /// (``MetricName/durationBuckets`` for durations, ``MetricName/entryBuckets`` for journal appends).
    public static func factory(_ registry: PrometheusCollectorRegistry) -> PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = MetricName.durationBuckets
        factory.valueHistogramBuckets[MetricName.storeCommitEntries] = MetricName.entryBuckets
        return factory
    }

    /// The metrics as Prometheus text.
    public func text() -> String {
        var bytes: [UInt8] = []
        registry.emit(into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Adds `GET /metrics` to `router`.
    public func addRoute<Context: RequestContext>(to router: Router<Context>) {
        let registry = self.registry
        router.get(RouterPath(stringLiteral: Self.path)) { _, _ -> Response in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(4_096)
            registry.emit(into: &bytes)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }
}
