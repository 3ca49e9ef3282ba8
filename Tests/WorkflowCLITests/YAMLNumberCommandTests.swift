import Foundation
import Testing
import WorkflowModel
import WorkflowTestSupport

/// Numbers in YAML files as the command line reads them: YAML 1.1's forms become JSON numbers, and a number JSON
/// cannot hold is refused with its line and column instead of crashing the process.
@Suite("YAML numbers on the command line")
struct YAMLNumberCommandTests {
    static func folder(_ files: [String: String]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-yaml-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return directory
    }

    /// A workflow echoing `value` (YAML flow text) as its output `out`.
    static func echoing(_ value: String) -> String {
        """
        triggers:
          - apiTrigger: {}
            startStepNames: [Say]
        steps:
          - name: Say
            actionId: com.datadoghq.core.echo
            parameters:
              - name: value
                value: \(value)
        outputSchema:
          parameters:
            - {name: out, type: OBJECT, value: "{{ Steps.Say.value }}"}

        """
    }

    @Test("base 60, underscores, hexadecimal and long integers read as numbers; base 60 past Int's range too")
    func forms() async throws {
        // `1:0:0:0:0:0:0:0:0:0:0:0` is 60¹¹, past Int.max: the YAML library traps on it (SIGILL), as it did on
        // `222222222222222222:2`, the input the yaml fuzz harness found.
        let directory = try Self.folder([
            "flow.yaml": Self.echoing(
                "{minutes: 1:30, negative: -1:30:00.5, float: 190:20:30.15, under: 1_000, hex: 0x1F, "
                    + "big: 99999999999999999999, wide: 1:0:0:0:0:0:0:0:0:0:0:0, found: 222222222222222222:2, "
                    + "text: '1:30'}")
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await StepwiseProcess.run(["run", "--in-memory", "flow.yaml"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let out = try JSONValue.parse(Data(result.stdout.utf8))["out"]
        #expect(out?["minutes"] == 90)
        #expect(out?["negative"] == -5400.5)
        #expect(out?["float"]?.numberValue.map { abs($0 - 685230.15) < 1e-6 } == true)
        #expect(out?["under"] == 1000)
        #expect(out?["hex"] == 31)
        #expect(out?["big"] == 1e20)
        #expect(out?["wide"]?.numberValue == pow(60, 11))
        #expect(out?["found"]?.numberValue == 222_222_222_222_222_222.0 * 60 + 2)
        #expect(out?["text"] == "1:30")
    }

    @Test("a number beyond a JSON number's range is refused with its line and column, by every command")
    func outOfRange() async throws {
        let directory = try Self.folder([
            "huge.yaml": Self.echoing("{n: 1e999}"),
            "infinite.yaml": Self.echoing("{n: .inf}"),
            "inputs.yaml": "n: -.inf\n",
            "good.yaml": Self.echoing("{n: 1}"),
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let huge = try await StepwiseProcess.run(["validate", "huge.yaml"], in: directory)
        #expect(huge.status == 1)
        #expect(huge.stdout == "huge.yaml:9:20: malformed YAML: 1e999 is beyond the range of a JSON number\n")
        let infinite = try await StepwiseProcess.run(["run", "--in-memory", "infinite.yaml"], in: directory)
        #expect(infinite.status == 2)
        #expect(infinite.stderr == "infinite.yaml:9:20: malformed YAML: .inf is beyond the range of a JSON number\n")
        let inputs = try await StepwiseProcess.run(
            ["run", "--in-memory", "good.yaml", "--inputs", "inputs.yaml"], in: directory)
        #expect(inputs.status == 2)
        #expect(inputs.stderr == "inputs.yaml:1:4: malformed YAML: -.inf is beyond the range of a JSON number\n")
    }
}
