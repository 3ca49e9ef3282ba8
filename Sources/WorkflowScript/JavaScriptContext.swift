import CJavaScriptCore
import WorkflowModel

/// One JavaScriptCore context, in a context group (a VM) of its own, with Lodash and the prelude loaded once.
///
/// `@unchecked Sendable`: a context is used by one evaluation at a time, which owns it while it is out of the
/// ``JavaScriptEngine``'s pool (JavaScriptCore's API lock makes moving it between threads safe).
final class JavaScriptContext: @unchecked Sendable {
    /// What the code is: an expression, or a function body (`return …`).
    enum Kind: Hashable {
        case expression
        case functionBody
    }

    /// The parameters every script sees: `$` and the template roots by bare name.
    static let parameterNames = ["$"] + TemplateRootName.all

    private let group: JSContextGroupRef
    private let context: JSGlobalContextRef
    private let limits: JavaScriptLimits
    private let parameterNames: [JSStringRef?]
    private let takeLogs: JSObjectRef
    /// Compiled functions by kind and source (protected from the collector), emptied when it holds 256.
    private var compiled: [Key: JSObjectRef] = [:]
    /// When the running evaluation must stop, by the monotonic clock.
    private var deadline: ContinuousClock.Instant = .now
    /// Why the watchdog stopped the running evaluation.
    private var stopped: JavaScriptError.Code?
    /// Whether this context may go back to the pool (not after a limit stopped a script).
    private(set) var isReusable = true

    private struct Key: Hashable {
        var kind: Kind
        var source: String
    }

    /// Creates a context and runs `lodash` and the prelude in it.
    /// - Throws: ``JavaScriptError`` `unavailable` when either fails.
    init(lodash: String, limits: JavaScriptLimits) throws(JavaScriptError) {
        self.limits = limits
        group = JSContextGroupCreate()
        context = JSGlobalContextCreateInGroup(group, nil)
        parameterNames = Self.parameterNames.map { JSStringCreateWithUTF8CString($0) }
        var exception: JSValueRef?
        for (name, source) in [
            ("lodash.min.js", lodash), ("prelude", JavaScriptPrelude.source(maxLogLines: limits.maxLogLines)),
        ] {
            let script = JSStringRef.make(source)
            defer { JSStringRelease(script) }
            _ = JSEvaluateScript(context, script, nil, nil, 1, &exception)
            if let exception {
                let message = Self.string(of: exception, in: context)
                JSGlobalContextRelease(context)
                JSContextGroupRelease(group)
                throw JavaScriptError(.unavailable, "could not load \(name) into JavaScriptCore: \(message)")
            }
        }
        let name = JSStringRef.make(JavaScriptPrelude.takeLogs)
        defer { JSStringRelease(name) }
        guard let function = JSObjectGetProperty(context, JSContextGetGlobalObject(context), name, nil),
            let object = JSValueToObject(context, function, nil)
        else {
            JSGlobalContextRelease(context)
            JSContextGroupRelease(group)
            throw JavaScriptError(.unavailable, "the prelude did not define \(JavaScriptPrelude.takeLogs)")
        }
        takeLogs = object
        JSValueProtect(context, takeLogs)
        JSContextGroupSetExecutionTimeLimit(
            group, limits.checkInterval.seconds, Self.shouldTerminate, Unmanaged.passUnretained(self).toOpaque())
    }

    deinit {
        JSContextGroupClearExecutionTimeLimit(group)
        for name in parameterNames { name.map(JSStringRelease) }
        JSGlobalContextRelease(context)
        JSContextGroupRelease(group)
    }

    /// Runs `source` with `$` = `dollar` (else the roots object) and each root by bare name.
    /// - Parameter rootsJSON: the roots object as compact JSON; `dollarJSON` likewise for `$`, if given.
    /// - Throws: ``JavaScriptError`` for a syntax error, an exception, a limit, or a result that is not JSON.
    func run(
        _ kind: Kind, _ source: String, rootsJSON: String, dollarJSON: String?
    ) throws(JavaScriptError)
        -> JavaScriptResult
    {
        let function = try compile(kind, source)
        let roots = try parse(rootsJSON, what: "the context")
        // The arguments live in a Swift array, which the collector does not scan: protect them for the call.
        JSValueProtect(context, roots)
        defer { JSValueUnprotect(context, roots) }
        let dollar = try dollarJSON.map { json throws(JavaScriptError) in try parse(json, what: "$") }
        if let dollar { JSValueProtect(context, dollar) }
        defer { if let dollar { JSValueUnprotect(context, dollar) } }
        var arguments: [JSValueRef?] = [dollar ?? roots]
        let rootsObject = JSValueToObject(context, roots, nil)
        for name in parameterNames.dropFirst() {
            arguments.append(
                rootsObject.map { JSObjectGetProperty(context, $0, name, nil) } ?? JSValueMakeUndefined(context))
        }
        stopped = nil
        deadline = .now + limits.timeLimit
        var exception: JSValueRef?
        let result = arguments.withUnsafeBufferPointer { buffer in
            JSObjectCallAsFunction(context, function, nil, buffer.count, buffer.baseAddress, &exception)
        }
        let logs = takeLoggedLines()
        if let exception { throw failure(exception) }
        return JavaScriptResult(value: try json(of: result), logs: logs)
    }

    /// The function for `source`, compiled once per context.
    private func compile(_ kind: Kind, _ source: String) throws(JavaScriptError) -> JSObjectRef {
        let key = Key(kind: kind, source: source)
        if let function = compiled[key] { return function }
        // Newlines around the code keep a trailing `// comment` from swallowing the closing parenthesis.
        let body = kind == .expression ? "'use strict';\nreturn (\n\(source)\n);" : "'use strict';\n\(source)\n"
        let bodyString = JSStringRef.make(body)
        defer { JSStringRelease(bodyString) }
        var exception: JSValueRef?
        let function = parameterNames.withUnsafeBufferPointer { names in
            JSObjectMakeFunction(context, nil, UInt32(names.count), names.baseAddress, bodyString, nil, 1, &exception)
        }
        guard let function, exception == nil else {
            let message = exception.map { Self.string(of: $0, in: context) } ?? "the script does not compile"
            throw JavaScriptError(.syntax, message)
        }
        if compiled.count >= 256 { releaseCompiled() }
        JSValueProtect(context, function)
        compiled[key] = function
        return function
    }

    private func releaseCompiled() {
        for function in compiled.values { JSValueUnprotect(context, function) }
        compiled.removeAll(keepingCapacity: true)
    }

    private func parse(_ json: String, what: String) throws(JavaScriptError) -> JSValueRef? {
        let text = JSStringRef.make(json)
        defer { JSStringRelease(text) }
        guard let value = JSValueMakeFromJSONString(context, text) else {
            throw JavaScriptError(.exception, "JavaScriptCore could not read \(what) as JSON")
        }
        return value
    }

    /// The error for an exception the call ended with.
    private func failure(_ exception: JSValueRef) -> JavaScriptError {
        let message = Self.string(of: exception, in: context)
        switch stopped {
        case .timeLimit?:
            isReusable = false
            return JavaScriptError(.timeLimit, "the script ran longer than the time limit (\(limits.timeLimit))")
        case .memoryLimit?:
            isReusable = false
            return JavaScriptError(
                .memoryLimit, "the script used more memory than the limit (\(limits.memoryLimit >> 20) MiB)")
        default:
            if message.hasPrefix("RangeError: Out of memory") {
                isReusable = false
                return JavaScriptError(.memoryLimit, "the script ran out of memory (\(message))")
            }
            return JavaScriptError(.exception, message)
        }
    }

    /// `value` as JSON: `undefined` is `null`; a function, a symbol or a cycle is an error.
    private func json(of value: JSValueRef?) throws(JavaScriptError) -> JSONValue {
        guard let value, !JSValueIsUndefined(context, value) else { return .null }
        if let object = JSValueToObject(context, value, nil), JSObjectIsFunction(context, object) {
            throw JavaScriptError(.notSerializable, "the result is a function, which is not JSON-serialisable")
        }
        var exception: JSValueRef?
        let text = JSValueCreateJSONString(context, value, 0, &exception)
        if let exception {
            throw JavaScriptError(
                .notSerializable, "the result is not JSON-serialisable: \(Self.string(of: exception, in: context))")
        }
        guard let text else {
            throw JavaScriptError(.notSerializable, "the result (a \(typeName(of: value))) is not JSON-serialisable")
        }
        defer { JSStringRelease(text) }
        do {
            return try JSONValue.parse(String(jsString: text))
        } catch {
            throw JavaScriptError(.notSerializable, "the result's JSON could not be read back: \(error)")
        }
    }

    private func typeName(of value: JSValueRef) -> String {
        switch JSValueGetType(context, value) {
        case kJSTypeSymbol: return "symbol"
        case kJSTypeObject: return "object"
        default: return "value"
        }
    }

    /// The lines `console.log` captured during the evaluation (and clears them).
    private func takeLoggedLines() -> [String] {
        guard let lines = JSObjectCallAsFunction(context, takeLogs, nil, 0, nil, nil),
            !JSValueIsNull(context, lines),
            let text = JSValueCreateJSONString(context, lines, 0, nil)
        else { return [] }
        defer { JSStringRelease(text) }
        guard case .array(let values)? = try? JSONValue.parse(String(jsString: text)) else { return [] }
        return values.compactMap { if case .string(let line) = $0 { line } else { nil } }
    }

    /// The watchdog's callback, every ``JavaScriptLimits/checkInterval`` of CPU time a script runs: stops it
    /// past its deadline or its memory limit, else re-arms the watchdog.
    private static let shouldTerminate: JSShouldTerminateCallback = { context, pointer in
        guard let context, let pointer else { return true }
        let owner = Unmanaged<JavaScriptContext>.fromOpaque(pointer).takeUnretainedValue()
        if ContinuousClock.now >= owner.deadline {
            owner.stopped = .timeLimit
            return true
        }
        if owner.heapBytes(context) > owner.limits.memoryLimit {
            owner.stopped = .memoryLimit
            return true
        }
        JSContextGroupSetExecutionTimeLimit(
            owner.group, owner.limits.checkInterval.seconds, shouldTerminate, pointer)
        return false
    }

    /// The VM's heap size plus the memory its objects hold outside the heap, in bytes.
    private func heapBytes(_ context: JSContextRef) -> Int {
        let statistics = JSGetMemoryUsageStatistics(context)
        var total = 0.0
        for field in ["heapSize", "extraMemorySize"] {
            let name = JSStringRef.make(field)
            defer { JSStringRelease(name) }
            let number = JSValueToNumber(context, JSObjectGetProperty(context, statistics, name, nil), nil)
            if number.isFinite { total += number }
        }
        return Int(total)
    }

    /// The text of `value` (`String(value)` in JavaScript).
    static func string(of value: JSValueRef, in context: JSContextRef) -> String {
        guard let text = JSValueToStringCopy(context, value, nil) else { return "(a value without text)" }
        defer { JSStringRelease(text) }
        return String(jsString: text)
    }
}

/// What one evaluation gave.
public struct JavaScriptResult: Sendable, Hashable {
    /// The result as JSON (`undefined` is `null`).
    public var value: JSONValue
    /// The lines `console.log` (and `info`, `warn`, `error`, `debug`) printed, in order.
    public var logs: [String]
}
