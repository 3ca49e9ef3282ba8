// libFuzzer driver: one binary for every harness, chosen by STEPWISE_FUZZ_HARNESS (scripts/fuzz sets it).
// Built without libFuzzer's own `main` (SwiftPM gives executables theirs), so this calls its driver.
import Foundation

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

let name = ProcessInfo.processInfo.environment["STEPWISE_FUZZ_HARNESS"] ?? ""
guard let chosen = Harnesses.all[name] else {
    FileHandle.standardError.write(
        Data("set STEPWISE_FUZZ_HARNESS to one of: \(Harnesses.all.keys.sorted().joined(separator: ", "))\n".utf8))
    exit(2)
}
Harnesses.selected = chosen
var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(
    LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        Harnesses.selected(bytes)
        return 0
    })
