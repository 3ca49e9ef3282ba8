import Foundation

/// A `multipart/form-data` request body, as the runner sends `formData`: one text field per key (a later entry
/// of the same key replaces an earlier one).
struct MultipartFormData: Sendable {
    /// The body bytes.
    var bytes: [UInt8]
    /// `multipart/form-data; boundary=…`.
    var contentType: String

    init(fields: [(name: String, value: String)], boundary: String = UUID().uuidString) {
        var latest: [String: String] = [:]
        var order: [String] = []
        for field in fields {
            if latest[field.name] == nil { order.append(field.name) }
            latest[field.name] = field.value
        }
        var text = ""
        for name in order {
            let quoted = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(quoted)\"\r\n\r\n"
            text += (latest[name] ?? "") + "\r\n"
        }
        text += "--\(boundary)--\r\n"
        bytes = Array(text.utf8)
        contentType = "multipart/form-data; boundary=\(boundary)"
    }
}
