import WorkflowActions

extension ActionRegistry {
    /// Action ids of the JavaScript actions.
    public enum DataTransformationActionID {
        /// `com.datadoghq.datatransformation.func`: a function body.
        public static let function = "com.datadoghq.datatransformation.func"
        /// `com.datadoghq.datatransformation.expression`: an expression.
        public static let expression = "com.datadoghq.datatransformation.expression"
        /// `com.datadoghq.datatransformation.inlineExpression`: an expression.
        public static let inlineExpression = "com.datadoghq.datatransformation.inlineExpression"
        /// The three, for code that treats them alike (dry runs prefer their mocks).
        public static let all = [function, expression, inlineExpression]
    }

    /// Registers the three ``DataTransformationAction``s, running on `engine`.
    public mutating func registerDataTransformation(engine: JavaScriptEngine) {
        register(DataTransformationActionID.function, DataTransformationAction(engine: engine, kind: .functionBody))
        register(DataTransformationActionID.expression, DataTransformationAction(engine: engine, kind: .expression))
        register(
            DataTransformationActionID.inlineExpression, DataTransformationAction(engine: engine, kind: .expression))
    }
}
