import Foundation
import PostgresStore
import Testing
import WorkflowStore
import WorkflowTestSupport

/// `--db postgres://…`: parsing, redaction, an unreachable server; and whether this run tests PostgreSQL at all.
@Suite("PostgreSQL URL and availability")
struct PostgresURLTests {
    @Test("the URL's parts are read, with defaults; the password never shows")
    func parse() throws {
        let url = try PostgresURL("postgresql://ops:s3cr%40t@db.example:6543/flows?schema=stepwise_a&sslmode=require")
        #expect(url.user == "ops" && url.password == "s3cr@t")
        #expect(url.host == "db.example" && url.port == 6543 && url.database == "flows")
        #expect(url.schema == "stepwise_a" && url.tls == .require)
        #expect(url.redacted == "postgres://ops@db.example:6543/flows?schema=stepwise_a&sslmode=require")
        #expect(!"\(url)".contains("s3cr"))
        let plain = try PostgresURL("postgres://me@127.0.0.1/stepwise")
        #expect(plain.port == 5432 && plain.schema == nil && plain.tls == .disable && plain.password == nil)
        #expect(PostgresURL.isPostgres("postgres://x@y/z") && !PostgresURL.isPostgres("stepwise.db"))
    }

    @Test(
        "a malformed URL is refused, naming what is wrong, without its password",
        arguments: [
            ("postgres://me:hunter2@/db", "no host"),
            ("postgres://me:hunter2@host:5432", "no database"),
            ("postgres://me:hunter2@host/db?schema=1bad", "schema"),
            ("postgres://me:hunter2@host/db?sslmode=maybe", "sslmode"),
            ("postgres://me:hunter2@host/db?colour=red", "unknown parameter colour"),
        ])
    func malformed(text: String, problem: String) {
        do {
            _ = try PostgresURL(text)
            Issue.record("\(PostgresURL.redact(text)) was accepted")
        } catch {
            #expect(error.message.contains(problem), "\(error.message)")
            #expect(!error.message.contains("hunter2"))
        }
    }

    @Test("a server that does not answer fails the open with an IO error, without the password")
    func unreachable() async throws {
        let port = 1  // nothing listens there: each connection attempt is refused at once
        let error = await #expect(throws: StoreError.self) {
            _ = try await PostgresStore.open(
                "postgres://me:hunter2@127.0.0.1:\(port)/stepwise", options: .init(connectTimeout: .seconds(2)))
        }
        #expect(error?.code == .io)
        #expect(error?.message.contains("127.0.0.1:\(port)") == true)
        #expect(error?.message.contains("hunter2") == false)
    }

    @Test("PostgreSQL tests run against STEPWISE_TEST_POSTGRES_URL, or are skipped and say why")
    func availability() async throws {
        guard TestPostgres.url != nil else {
            if TestPostgres.isRequired {
                Issue.record("STEPWISE_REQUIRE_POSTGRES=1 but STEPWISE_TEST_POSTGRES_URL is not set")
            } else {
                print("PostgreSQL store tests skipped: \(TestPostgres.skipReason)")
                FileHandle.standardError.write(
                    Data("PostgreSQL store tests skipped: \(TestPostgres.skipReason)\n".utf8))
            }
            return
        }
        do {
            let (url, _) = try #require(TestPostgres.url(schemaPrefix: "probe"))
            let store = try await PostgresStore.open(
                url, options: .init(connectTimeout: .seconds(120), operationTimeout: .seconds(120)))
            #expect(try await store.appliedMigrations().isEmpty == false)
            try await store.dropSchemaAndClose()
        } catch {
            Issue.record("STEPWISE_TEST_POSTGRES_URL is set but the server is unusable: \(error)")
        }
    }
}
