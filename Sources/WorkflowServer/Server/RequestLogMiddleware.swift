import HTTPTypes
import Hummingbird
import Logging

/// Logs one line per request at `info`: method, path, status and how long the server took
/// (`GET /api/v2/workflows/abc 200 1.4 ms`). A request that ends in an error logs the error's status.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    )
        async throws -> Response
    {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, status: response.status, since: start)
            return response
        } catch {
            log(request, status: (error as? any HTTPResponseError)?.status ?? .internalServerError, since: start)
            throw error
        }
    }

    private func log(_ request: Request, status: HTTPResponse.Status, since start: ContinuousClock.Instant) {
        let (seconds, attoseconds) = (ContinuousClock.now - start).components
        let milliseconds = Double(seconds) * 1_000 + Double(attoseconds) / 1e15
        let rounded = (milliseconds * 10).rounded() / 10
        logger.info("\(request.method.rawValue) \(request.uri.path) \(status.code) \(rounded) ms")
    }
}
