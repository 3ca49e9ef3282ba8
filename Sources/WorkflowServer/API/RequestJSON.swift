import Foundation
import HTTPTypes
import Hummingbird
import WorkflowModel

/// Reads a request body as JSON, within the server's size limit.
enum RequestJSON {
    /// The body parsed as JSON; an empty body is `nil`.
    /// - Throws: ``APIError`` 413 over `limit` bytes, 400 when the body is not JSON (with line and column).
    static func read(
        _ request: Request, limit: Int, family: APIFamily
    ) async throws(APIError) -> JSONValue? {
        let buffer: ByteBuffer
        do {
            var request = request
            buffer = try await request.collectBody(upTo: limit)
        } catch {
            throw tooLarge(limit: limit, family: family)
        }
        guard buffer.readableBytes > 0 else { return nil }
        let data = Data(buffer.readableBytesView)
        do {
            return try JSONValue.parse(data)
        } catch let error as JSONSyntaxError {
            throw APIError(.badRequest, family, code: "INVALID_JSON", "request body: \(error)")
        } catch {
            throw APIError(.badRequest, family, code: "INVALID_JSON", "request body: malformed JSON")
        }
    }

    /// 413 for a body over the limit.
    static func tooLarge(limit: Int, family: APIFamily) -> APIError {
        APIError(
            .contentTooLarge, family, code: "PAYLOAD_TOO_LARGE",
            "request body exceeds the limit of \(limit) bytes")
    }
}
