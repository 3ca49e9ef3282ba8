import Foundation
import PostgresStore
import Synchronization
import Testing
import WorkflowStore
import WorkflowTestSupport

/// The PostgreSQL stores a test opened, each in a schema of its own, dropped when the test ends
/// (``Trait/dropsPostgresSchemas``).
final class PostgresSchemas: Sendable {
    @TaskLocal static var current: PostgresSchemas?

    private let stores = Mutex<[PostgresStore]>([])

    /// A store in a new schema of the test server, dropped at the end of the current test.
    /// Patient timeouts: the whole suite runs at once on two cores, and the first statements of a test may wait.
    static let patient = PostgresStore.Options(connectTimeout: .seconds(120), operationTimeout: .seconds(120))

    static func open(options: PostgresStore.Options = patient) async throws -> PostgresStore {
        guard let (url, _) = TestPostgres.url(schemaPrefix: "test") else {
            throw StoreError(.io, TestPostgres.skipReason)
        }
        return try await open(url: url, options: options)
    }

    /// Another store on the schema of `url` (a second "process"), closed at the end of the current test.
    static func open(url: String, options: PostgresStore.Options = patient) async throws -> PostgresStore {
        guard let current else {
            throw StoreError(.io, "a PostgreSQL store in a test needs the .dropsPostgresSchemas trait on its suite")
        }
        let store = try await PostgresStore.open(url, options: options)
        current.stores.withLock { $0.append(store) }
        return store
    }

    /// Drops every schema opened and closes every store.
    func dropAll() async {
        let stores = self.stores.withLock { $0 }
        var dropped: Set<String> = []
        for store in stores {
            if let schema = store.url.schema, dropped.insert(schema).inserted {
                try? await store.dropSchemaAndClose()
            } else {
                await store.close()
            }
        }
    }
}

/// Gives each test its own ``PostgresSchemas``, emptied when the test ends.
struct DropsPostgresSchemas: SuiteTrait, TestTrait, TestScoping {
    var isRecursive: Bool { true }

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let schemas = PostgresSchemas()
        do {
            try await PostgresSchemas.$current.withValue(schemas) { try await function() }
        } catch {
            await schemas.dropAll()
            throw error
        }
        await schemas.dropAll()
    }
}

extension Trait where Self == DropsPostgresSchemas {
    /// Drops the PostgreSQL schemas a test made when it ends.
    static var dropsPostgresSchemas: Self { Self() }
}
