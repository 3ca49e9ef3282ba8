/// Direct construction of a step from JSON, checking its shape on the way: the fast path of ``SpecDecoder``.
///
/// Each initializer accepts exactly what ``Shape/step`` accepts (every member known, of its JSON type, not
/// `null` unless any value is allowed, required members present) and gives what `Codable` decoding gives for
/// it; for anything else it returns `nil`, and the decoder takes its reporting path (the shape check, then
/// `Codable`), so problems are reported exactly as before. One pass per step: no `Decoder`, no key hashing for
/// the step's own members, no second walk for the shape check.
extension Step {
    init?(checkedJSON json: JSONValue) {
        guard case .object(let members) = json else { return nil }
        var name: String?
        var actionId: String?
        var parameters: [Parameter]?
        var outboundEdges: [OutboundEdge]?
        var readinessGate: ReadinessGate?
        var completionGate: CompletionGate?
        var errorHandlers: [ErrorHandler]?
        var connectionLabel: String?
        var display: StepDisplay?
        for (key, value) in members {
            // A member that does not build refuses the step.
            switch key {
            case "name":
                guard let text = value.stringValue else { return nil }
                name = text
            case "actionId":
                guard let text = value.stringValue else { return nil }
                actionId = text
            case "parameters":
                guard let built = value.checkedElements(Parameter.init(checkedJSON:)) else { return nil }
                parameters = built
            case "outboundEdges":
                guard let built = value.checkedElements(OutboundEdge.init(checkedJSON:)) else { return nil }
                outboundEdges = built
            case "readinessGate":
                guard let built = ReadinessGate(checkedJSON: value) else { return nil }
                readinessGate = built
            case "completionGate":
                guard let built = CompletionGate(checkedJSON: value) else { return nil }
                completionGate = built
            case "errorHandlers":
                guard let built = value.checkedElements(ErrorHandler.init(checkedJSON:)) else { return nil }
                errorHandlers = built
            case "connectionLabel":
                guard let text = value.stringValue else { return nil }
                connectionLabel = text
            case "display":
                guard let built = StepDisplay(checkedJSON: value) else { return nil }
                display = built
            default:
                return nil  // an unknown member
            }
        }
        guard let name, let actionId else { return nil }
        self.init(
            name: name, actionId: actionId, parameters: parameters, outboundEdges: outboundEdges,
            readinessGate: readinessGate, completionGate: completionGate, errorHandlers: errorHandlers,
            connectionLabel: connectionLabel, display: display)
    }
}

extension Parameter {
    init?(checkedJSON json: JSONValue) {
        // `value` is required but may be `null`.
        guard let members = json.checkedMembers(count: 2), case .string(let name)? = members["name"],
            let value = members["value"]
        else { return nil }
        self.init(name: name, value: value)
    }
}

extension OutboundEdge {
    init?(checkedJSON json: JSONValue) {
        guard let members = json.checkedMembers(count: 2), case .string(let next)? = members["nextStepName"],
            case .string(let branch)? = members["branchName"]
        else { return nil }
        self.init(nextStepName: next, branchName: branch)
    }
}

extension ReadinessGate {
    init?(checkedJSON json: JSONValue) {
        guard let members = json.checkedMembers(count: 1),
            let type = members["thresholdType"].flatMap(ThresholdType.init(checkedJSON:))
        else { return nil }
        self.init(thresholdType: type)
    }
}

extension CompletionGate {
    init?(checkedJSON json: JSONValue) {
        guard let members = json.checkedMembers(count: 2),
            let condition = members["completionCondition"].flatMap(CompletionCondition.init(checkedJSON:)),
            let strategy = members["retryStrategy"].flatMap(RetryStrategy.init(checkedJSON:))
        else { return nil }
        self.init(completionCondition: condition, retryStrategy: strategy)
    }
}

extension CompletionCondition {
    init?(checkedJSON json: JSONValue) {
        // `operand1` is required but may be `null`; `operand2` is optional, and `null` is absent, as in `Codable`.
        guard case .object(let members) = json, let operand1 = members["operand1"],
            let condition = members["operator"].flatMap(ConditionOperator.init(checkedJSON:))
        else { return nil }
        let operand2 = members["operand2"]
        guard members.count == (operand2 == nil ? 2 : 3) else { return nil }
        self.init(operand1: operand1, operator: condition, operand2: operand2?.isNull == true ? .none : operand2)
    }
}

extension ErrorHandler {
    init?(checkedJSON json: JSONValue) {
        guard let members = json.checkedMembers(count: 2), case .string(let fallback)? = members["fallbackStepName"],
            let strategy = members["retryStrategy"].flatMap(RetryStrategy.init(checkedJSON:))
        else { return nil }
        self.init(fallbackStepName: fallback, retryStrategy: strategy)
    }
}

extension RetryStrategy {
    init?(checkedJSON json: JSONValue) {
        guard case .object(let members) = json, let kind = members["kind"].flatMap(Kind.init(checkedJSON:)) else {
            return nil
        }
        guard let member = members["linear"] else {
            guard members.count == 1 else { return nil }
            self.init(kind: kind, linear: nil)
            return
        }
        guard members.count == 2, let linear = member.checkedMembers(count: 2),
            case .string(let text)? = linear["interval"], let interval = try? SpecDuration(text),
            case .number(let maxRetries)? = linear["maxRetries"]
        else { return nil }
        self.init(kind: kind, linear: Linear(interval: interval, maxRetries: maxRetries))
    }
}

extension StepDisplay {
    init?(checkedJSON json: JSONValue) {
        guard case .object(let members) = json, members.count <= 1 else { return nil }
        guard let bounds = members["bounds"] else {
            guard members.isEmpty else { return nil }
            self.init(bounds: nil)
            return
        }
        // A step's bounds have `x` and `y` only, both optional numbers.
        guard case .object(let corner) = bounds, let x = bounds.checkedNumber("x"), let y = bounds.checkedNumber("y"),
            corner.count == (x == nil ? 0 : 1) + (y == nil ? 0 : 1)
        else { return nil }
        self.init(bounds: Bounds(x: x, y: y))
    }
}

extension RawRepresentable where RawValue == String {
    /// The case named by a JSON string.
    init?(checkedJSON json: JSONValue) {
        guard case .string(let text) = json else { return nil }
        self.init(rawValue: text)
    }
}

extension JSONValue {
    /// Each element of an array built with `element`; `nil` when this is not an array or an element fails.
    func checkedElements<Element>(_ element: (JSONValue) -> Element?) -> [Element]? {
        guard case .array(let items) = self else { return nil }
        var elements: [Element] = []
        elements.reserveCapacity(items.count)
        for item in items {
            guard let built = element(item) else { return nil }
            elements.append(built)
        }
        return elements
    }

    /// The members of an object that has exactly `count` of them (its required members; any other is unknown).
    func checkedMembers(count: Int) -> [String: JSONValue]? {
        guard case .object(let members) = self, members.count == count else { return nil }
        return members
    }

    /// An optional number member: `.some(nil)` when absent, `nil` when present and not a number (`null` too).
    func checkedNumber(_ name: String) -> Double?? {
        switch self[name] {
        case nil: return .some(nil)
        case .number(let number)?: return .some(number)
        default: return nil
        }
    }
}
