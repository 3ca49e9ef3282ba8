/// The shape of Datadog's OpenAPI `Spec` schema and everything below it.
extension Shape {
    /// The whole spec document.
    static let spec: Shape = .object(
        ObjectShape([
            "annotations": .array(annotation),
            "connectionEnvs": .array(connectionEnv),
            "handle": .string,
            "inputSchema": .object(ObjectShape(["parameters": .array(inputParameter)])),
            "outputSchema": .object(ObjectShape(["parameters": .array(outputParameter)])),
            "steps": .array(step),
            "triggers": .array(.trigger),
        ]))

    static let strings: Shape = .array(.string)

    static let annotation: Shape = .object(
        ObjectShape(
            [
                "id": .string,
                "display": .object(ObjectShape(["bounds": bounds(["height", "width", "x", "y"])])),
                "markdownTextAnnotation": .object(ObjectShape(["text": .string])),
            ],
            required: ["id", "display", "markdownTextAnnotation"]))

    static func bounds(_ names: [String]) -> Shape {
        .object(ObjectShape(Dictionary(uniqueKeysWithValues: names.map { ($0, Shape.number) })))
    }

    static let connectionEnv: Shape = .object(
        ObjectShape(
            [
                "env": .enumeration(name: "env", values: ["default"]),
                "connections": .array(
                    .object(
                        ObjectShape(["connectionId": .string, "label": .string], required: ["connectionId", "label"]))
                ),
                "connectionGroups": .array(
                    .object(
                        ObjectShape(
                            ["connectionGroupId": .string, "label": .string, "tags": strings],
                            required: ["connectionGroupId", "label", "tags"]))),
            ],
            required: ["env"]))

    static let parameterType: Shape = .enumeration(
        name: "parameter type", values: ParameterType.allCases.map(\.rawValue))

    static let inputParameter: Shape = .object(
        ObjectShape(
            [
                "name": .string, "type": parameterType, "label": .string, "description": .string,
                "defaultValue": .any, "allowedValues": .any, "allowExtraValues": .boolean,
            ],
            required: ["name", "type"]))

    static let outputParameter: Shape = .object(
        ObjectShape(
            [
                "name": .string, "type": parameterType, "label": .string, "description": .string,
                "defaultValue": .any, "value": .any,
            ],
            required: ["name", "type"]))

    static let retryStrategy: Shape = .object(
        ObjectShape(
            [
                "kind": .enumeration(name: "retry kind", values: RetryStrategy.Kind.allCases.map(\.rawValue)),
                "linear": .object(
                    ObjectShape(["interval": .duration, "maxRetries": .number], required: ["interval", "maxRetries"])),
            ],
            required: ["kind"]))

    static let step: Shape = .object(
        ObjectShape(
            [
                "name": .string,
                "actionId": .string,
                "parameters": .array(
                    .object(ObjectShape(["name": .string, "value": .any], required: ["name", "value"]))),
                "outboundEdges": .array(
                    .object(
                        ObjectShape(
                            ["nextStepName": .string, "branchName": .string], required: ["nextStepName", "branchName"]))
                ),
                "readinessGate": .object(
                    ObjectShape(
                        [
                            "thresholdType": .enumeration(
                                name: "thresholdType", values: ReadinessGate.ThresholdType.allCases.map(\.rawValue))
                        ],
                        required: ["thresholdType"])),
                "completionGate": .object(
                    ObjectShape(
                        [
                            "completionCondition": .object(
                                ObjectShape(
                                    [
                                        "operand1": .any,
                                        "operand2": .any,
                                        "operator": .enumeration(
                                            name: "operator", values: ConditionOperator.allCases.map(\.rawValue)),
                                    ],
                                    required: ["operand1", "operator"])),
                            "retryStrategy": retryStrategy,
                        ],
                        required: ["completionCondition", "retryStrategy"])),
                "errorHandlers": .array(
                    .object(
                        ObjectShape(
                            ["fallbackStepName": .string, "retryStrategy": retryStrategy],
                            required: ["retryStrategy", "fallbackStepName"]))),
                "connectionLabel": .string,
                "display": .object(ObjectShape(["bounds": bounds(["x", "y"])])),
            ],
            required: ["name", "actionId"]))

    static let rateLimit: Shape = .object(ObjectShape(["count": .integer, "interval": .duration]))

    /// The shape of one trigger kind's object.
    static func triggerOptions(_ kind: TriggerKind) -> ObjectShape {
        switch kind {
        case .form: return ObjectShape(["formId": .string])
        case .schedule:
            return ObjectShape(
                ["rruleExpression": .string, "overlapBehavior": .string], required: ["rruleExpression"])
        default:
            guard kind.allowedOptionKeys != nil else { return .freeForm }
            return ObjectShape(["rateLimit": rateLimit])
        }
    }
}
