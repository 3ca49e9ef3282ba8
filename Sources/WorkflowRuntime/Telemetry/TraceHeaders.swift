import Tracing

/// Trace context as header-like text pairs (`traceparent`, `tracestate` for W3C Trace Context): what a tracer
/// injects for a step's HTTP request, shell environment and child workflows, and extracts from an API request.
struct TraceHeaders: Injector, Extractor {
    func inject(_ value: String, forKey key: String, into carrier: inout [String: String]) {
        carrier[key] = value
    }

    func extract(key: String, from carrier: [String: String]) -> String? {
        carrier[key] ?? carrier.first { $0.key.lowercased() == key.lowercased() }?.value
    }
}
