import Foundation
import Testing
import WorkflowGraphics
import WorkflowTestSupport

/// Loads the sample run report in headless Chromium and takes a screenshot (`.build/run-report.png`), so a
/// person can look at it. Skipped when `chromium` is not on PATH (Debian package `chromium`).
@Suite("Report in a browser")
struct ScreenshotTests {
    static var chromium: URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser"] {
                let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
        }
        return nil
    }

    @Test(
        "headless Chromium renders the report",
        .enabled(if: chromium != nil, "chromium is not on PATH: install Debian's chromium package to run this test"))
    func screenshot() throws {
        let browser = try #require(Self.chromium)
        let build = TestSupport.repositoryRoot.appendingPathComponent(".build")
        let page = build.appendingPathComponent("run-report.html")
        let shot = build.appendingPathComponent("run-report.png")
        try Data(SampleRun.report.html().utf8).write(to: page)
        try? FileManager.default.removeItem(at: shot)
        let process = ChildProcess()
        process.executableURL = browser
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1200,1800",
            "--screenshot=\(shot.path)", page.absoluteString,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let size = (try FileManager.default.attributesOfItem(atPath: shot.path)[.size] as? Int) ?? 0
        #expect(size > 10_000, "the screenshot should show a page, not a blank")
    }
}
