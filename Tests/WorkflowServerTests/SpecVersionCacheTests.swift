import Foundation
import Synchronization
import Testing
import WorkflowModel
import WorkflowStore

@testable import WorkflowServer

/// `GET …/instances/{id}` reads an instance's pinned spec version from the store once: versions never change.
@Suite("Spec versions cached for GET instance")
struct SpecVersionCacheTests {
    static func version(_ number: Int, of workflowId: String = "wf") -> WorkflowVersion {
        WorkflowVersion(
            workflowId: workflowId, version: number, spec: WorkflowSpec(),
            submittedSpec: ["n": .number(Double(number))],
            createdAt: Date(timeIntervalSinceReferenceDate: Double(number)))
    }

    @Test("a version is loaded once; other numbers and workflows are loaded on their own; a missing one is not kept")
    func loadsOnce() async throws {
        let cache = SpecVersionCache()
        let loads = Mutex(0)
        func lookup(_ number: Int, _ workflowId: String = "wf", found: Bool = true) async throws -> WorkflowVersion? {
            try await cache.version(number, of: workflowId) { () throws(StoreError) in
                loads.withLock { $0 += 1 }
                return found ? Self.version(number, of: workflowId) : nil
            }
        }
        #expect(try await lookup(1) == Self.version(1))
        #expect(try await lookup(1) == Self.version(1))
        #expect(loads.withLock { $0 } == 1)
        #expect(try await lookup(2) == Self.version(2))
        #expect(try await lookup(1, "other") == Self.version(1, of: "other"))
        #expect(loads.withLock { $0 } == 3)
        #expect(try await lookup(9, found: false) == nil)
        #expect(try await lookup(9, found: false) == nil)
        #expect(loads.withLock { $0 } == 5)
    }

    @Test("past its capacity the cache starts again: it never holds more than that")
    func bounded() async throws {
        let cache = SpecVersionCache()
        let loads = Mutex(0)
        for number in 0...SpecVersionCache.capacity {
            _ = try await cache.version(number, of: "wf") { () throws(StoreError) in
                loads.withLock { $0 += 1 }
                return Self.version(number)
            }
        }
        // Version 0 was dropped when the cache filled up; the last one is still there.
        for number in [0, SpecVersionCache.capacity] {
            _ = try await cache.version(number, of: "wf") { () throws(StoreError) in
                loads.withLock { $0 += 1 }
                return Self.version(number)
            }
        }
        #expect(loads.withLock { $0 } == SpecVersionCache.capacity + 2)
    }
}
