import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension TestSupport {
    /// A loopback port nothing listens on now, for a server another process opens later (moto, a PostgreSQL
    /// cluster): chosen below the kernel's ephemeral range (32768 and up here), so no test server that binds port 0
    /// in the meantime can be handed the same port and answer the other server's requests.
    public static func unusedPort() throws -> Int {
        for _ in 0..<200 {
            let port = Int.random(in: 20_000..<32_000)
            if isFree(port) { return port }
        }
        throw PortError(description: "no free loopback port between 20000 and 32000")
    }

    /// A failure to find a port.
    public struct PortError: Error, CustomStringConvertible {
        public var description: String
    }

    private static func isFree(_ port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
