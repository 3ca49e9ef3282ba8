import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A blocking TCP client on 127.0.0.1 that sends raw bytes, for requests no HTTP client would send. Use it
/// through `TestSupport.offThePool`: every call blocks.
final class RawSocket {
    /// What a read saw.
    struct Received {
        var text: String
        /// The server closed the connection (`false`: the read timed out with the connection still open).
        var closed: Bool
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let descriptor: Int32
    private var open = true

    /// Connects; reads give up after `timeout` seconds without data.
    init(port: Int, timeout: Int = 10) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        var wait = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(descriptor)
            throw Failure(description: "connect: errno \(errno)")
        }
    }

    deinit { shutdown() }

    /// Closes the connection (once).
    func shutdown() {
        guard open else { return }
        open = false
        close(descriptor)
    }

    /// Sends all of `text`.
    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard count > 0 else { throw Failure(description: "send: errno \(errno)") }
            sent += count
        }
    }

    /// Reads until the server closes the connection, the read times out, or `until` returns true for what
    /// arrived so far.
    func read(until done: (String) -> Bool = { _ in false }) -> Received {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count == 0 { return Received(text: String(decoding: data, as: UTF8.self), closed: true) }
            if count < 0 {
                // ECONNRESET is a close too; EAGAIN is the timeout.
                let closed = errno == ECONNRESET
                return Received(text: String(decoding: data, as: UTF8.self), closed: closed)
            }
            data.append(contentsOf: buffer[0..<count])
            if done(String(decoding: data, as: UTF8.self)) {
                return Received(text: String(decoding: data, as: UTF8.self), closed: false)
            }
        }
    }
}
