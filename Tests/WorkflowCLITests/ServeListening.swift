import Foundation

/// Where a `stepwise serve --port 0` child listens.
enum ServeListening {
    /// Reads the server's stderr up to the end of its `listening on http://127.0.0.1:PORT` line (or the end of the
    /// stream); returns the port (`nil` when the line never came) and everything read.
    static func port(_ stderr: FileHandle) -> (port: Int?, seen: Data) {
        var seen = StepwiseProcess.read(stderr, until: "listening on http://127.0.0.1:")
        while let range = String(decoding: seen, as: UTF8.self).range(of: "127.0.0.1:"),
            !String(decoding: seen, as: UTF8.self)[range.upperBound...].contains("\n")
        {
            let chunk = stderr.availableData
            if chunk.isEmpty { break }
            seen += chunk
        }
        let text = String(decoding: seen, as: UTF8.self)
        guard let range = text.range(of: "127.0.0.1:") else { return (nil, seen) }
        return (Int(text[range.upperBound...].prefix(while: \.isNumber)), seen)
    }
}
