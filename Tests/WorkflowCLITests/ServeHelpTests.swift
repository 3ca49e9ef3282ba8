import Foundation
import Testing

/// What `stepwise serve --help` promises about shutdown matches what `serve` does (suspend, resume at the next
/// start: `SuspendResumeTests` and `CrashRecoveryTests` show the behaviour).
@Suite("stepwise serve --help")
struct ServeHelpTests {
    @Test("the help says a graceful shutdown suspends running instances and the next start resumes them")
    func shutdownWording() async throws {
        let result = try await StepwiseProcess.run(["serve", "--help"])
        #expect(result.status == 0, "\(result.stderr)")
        let text = result.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("running instances are suspended, not cancelled"), "\(result.stdout)")
        #expect(text.contains("the next start resumes them"), "\(result.stdout)")
        #expect(!text.contains("running instances are cancelled"))
    }
}
