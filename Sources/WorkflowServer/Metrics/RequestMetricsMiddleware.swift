import CoreMetrics
import HTTPTypes
import Hummingbird
import WorkflowRuntime

/// Counts API requests and times them, labelled by route pattern (`/api/v2/workflows/{workflow_id}`, never the
/// raw path: ids stay out of the labels), method and status. Requests no route matched share the route label
/// `unmatched`.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The factory the metrics are made by.
    let factory: any MetricsFactory

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            record(request, context: context, status: response.status, since: start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            record(request, context: context, status: status, since: start)
            throw error
        }
    }

    private func record(
        _ request: Request, context: Context, status: HTTPResponse.Status, since start: ContinuousClock.Instant
    ) {
        // Hummingbird names no route, or "NotFound", when none matched.
        let route = context.endpointPath.flatMap { $0.hasPrefix("/") ? $0 : nil } ?? "unmatched"
        let method = requestMethodLabels.contains(request.method) ? request.method.rawValue : "OTHER"
        factory.makeCounter(
            label: MetricName.apiRequests,
            dimensions: [("route", route), ("method", method), ("status", String(status.code))]
        ).increment(by: 1)
        let (seconds, attoseconds) = (ContinuousClock.now - start).components
        factory.makeTimer(label: MetricName.apiRequestDuration, dimensions: [("route", route), ("method", method)])
            .recordNanoseconds(seconds &* 1_000_000_000 &+ attoseconds / 1_000_000_000)
    }
}

/// The methods kept as labels; any other is `OTHER` (a client cannot grow the label set).
private let requestMethodLabels: Set<HTTPRequest.Method> = [.get, .head, .post, .put, .patch, .delete, .options]
