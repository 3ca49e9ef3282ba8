import Foundation
import Testing
import WorkflowModel
import WorkflowTestSupport

/// `JSONValue.parse` accepts and refuses the same documents as a strict reference: Python's `json` module held to
/// RFC 8259 (UTF-8 only, a leading byte order mark ignored, no `NaN`/`Infinity`, no number beyond a double's
/// range, no lone surrogate) on 100,000 generated documents, half of them broken on purpose.
@Suite("JSON text parsing against a strict reference")
struct JSONParseReferenceTests {
    /// Generates documents (valid ones, then mutations of them) and writes each as
    /// `<4-byte big-endian length><verdict byte: 1 accepted, 0 refused><bytes>`.
    static let script = #"""
        import json, math, random, struct, sys

        rng = random.Random(int(sys.argv[1]))
        count = int(sys.argv[2])

        def finite(text):
            value = float(text)
            if not math.isfinite(value):
                raise ValueError("out of range")
            return value

        def integer(text):
            finite(text)
            return int(text)

        def constant(name):
            raise ValueError(name)

        def members(pairs):
            # Every member is checked, a duplicate name's earlier value included.
            for name, value in pairs:
                if has_surrogate(name) or has_surrogate(value):
                    raise ValueError("lone surrogate")
            return dict(pairs)

        def has_surrogate(value):
            if isinstance(value, str):
                return any(0xD800 <= ord(c) <= 0xDFFF for c in value)
            if isinstance(value, list):
                return any(has_surrogate(v) for v in value)
            if isinstance(value, dict):
                return any(has_surrogate(k) or has_surrogate(v) for k, v in value.items())
            return False

        def verdict(data):
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                return 0
            if text.startswith("\ufeff"):
                text = text[1:]
            try:
                value = json.loads(text, parse_float=finite, parse_int=integer, parse_constant=constant,
                                   object_pairs_hook=members)
            except (ValueError, RecursionError):
                return 0
            return 0 if has_surrogate(value) else 1

        def space():
            return "".join(rng.choice(" \t\n\r") for _ in range(rng.choice([0, 0, 0, 1, 2])))

        def number():
            sign = rng.choice(["", "", "-"])
            whole = rng.choice(["0", str(rng.randint(1, 9)), str(rng.randint(1, 10**rng.randint(1, 25)))])
            fraction = rng.choice(["", "", "." + str(rng.randint(0, 10**rng.randint(1, 8)))])
            exponent = rng.choice(["", "", "", rng.choice("eE") + rng.choice(["", "+", "-"]) + str(rng.randint(0, 400))])
            return sign + whole + fraction + exponent

        ESCAPES = ['\\"', "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u00e9", "\\u0000", "\\ud83d\\ude80",
                   "\\uD834\\uDD1E", "\\u20AC", "\\ud800", "\\udc00", "\\ud800\\u0041", "\\uDFFF\\uD800"]
        PLAIN = ["a", "b", "Z", " ", "é", "€", "🚀", "{", "}", "[", "]", ",", ":", "'", "\u007f", "\u2028", "ü"]

        def string():
            parts = []
            for _ in range(rng.randint(0, 6)):
                parts.append(rng.choice(ESCAPES) if rng.random() < 0.3 else rng.choice(PLAIN))
            return '"' + "".join(parts) + '"'

        def value(depth):
            kind = rng.random()
            if depth < 6 and kind < 0.2:
                items = [value(depth + 1) for _ in range(rng.randint(0, 4))]
                return "[" + space() + ("," + space()).join(items) + space() + "]"
            if depth < 6 and kind < 0.4:
                members = [space() + string() + space() + ":" + space() + value(depth + 1)
                           for _ in range(rng.randint(0, 4))]
                return "{" + ",".join(members) + space() + "}"
            if kind < 0.6:
                return number()
            if kind < 0.8:
                return string()
            return rng.choice(["true", "false", "null"])

        SNIPPETS = [b",", b"]", b"}", b"[", b"{", b'"', b"\\", b":", b"0", b"-", b".", b"e", b"+", b"x", b" ",
                    b"\x00", b"\x1f", b"\x0c", b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"NaN",
                    b"Infinity", b"-Infinity", b"true", b"nul", b"1e999", b"\\u", b"\\ud800", b"\\x", b"'", b"//",
                    b"01", b"\xe2\x82", b"\xf0\x9f\x9a\x80"]

        def mutate(data):
            for _ in range(rng.randint(1, 2)):
                at = rng.randint(0, len(data))
                how = rng.random()
                if how < 0.4:
                    data = data[:at] + rng.choice(SNIPPETS) + data[at:]
                elif how < 0.7 and data:
                    data = data[:at] + data[at + 1:]
                elif how < 0.85:
                    data = data[:at] + rng.choice(SNIPPETS) + data[at + 1:]
                else:
                    data = data[:at]
            return data

        out = sys.stdout.buffer
        for i in range(count):
            document = (space() + value(0) + space()).encode("utf-8")
            if rng.random() < 0.05:
                document = b"\xef\xbb\xbf" + document
            if i % 2 == 1:
                document = mutate(document)
            out.write(struct.pack(">IB", len(document), verdict(document)))
            out.write(document)
        out.flush()
        """#

    static let count = 100_000

    @Test("100,000 generated documents: the same accept/refuse verdict as the reference")
    func sameVerdicts() async throws {
        let script = Self.script
        let output = try await TestSupport.offThePool { try Self.python(["-c", script, "20261206", "\(Self.count)"]) }
        let bytes = [UInt8](output)
        var offset = 0
        var documents = 0
        var accepted = 0
        var mismatches: [String] = []
        while offset + 5 <= bytes.count {
            let length = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            let expected = bytes[offset + 4] == 1
            let document = Data(bytes[offset + 5..<min(offset + 5 + length, bytes.count)])
            offset += 5 + length
            documents += 1
            let parsed = (try? JSONValue.parse(document)) != nil
            if parsed { accepted += 1 }
            if parsed != expected, mismatches.count < 3 {
                let text = String(decoding: document.prefix(200), as: UTF8.self)
                let verdict = expected ? "refused" : "accepted"
                mismatches.append("\(verdict) by Stepwise, not the reference: \(text.debugDescription)")
            }
        }
        #expect(documents == Self.count)
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
        // Both kinds are well represented.
        #expect(accepted > Self.count / 3)
        #expect(accepted < Self.count * 9 / 10)
    }

    /// Runs python3 and returns its standard output; fails when it cannot run or exits with an error.
    static func python(_ arguments: [String]) throws -> Data {
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ReferenceFailure(message: String(decoding: errors, as: UTF8.self))
        }
        return data
    }

    struct ReferenceFailure: Error, CustomStringConvertible {
        var code = "python3"
        var message: String
        var description: String { "python3 failed: \(message)" }
    }
}
