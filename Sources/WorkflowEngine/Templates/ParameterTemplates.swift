import WorkflowModel

/// All of a step's parameters, parsed once into templates and rendered together into the action's inputs.
public struct ParameterTemplates: Sendable {
    /// The parameter names, in spec order (a repeated name keeps its last value).
    public let names: [String]
    /// The template of each name, same order as ``names``.
    public let templates: [Template]
    /// The values of the constant parameters (all of them when ``isConstant``).
    private let constants: [String: JSONValue]
    /// Indexes of the parameters that hold a template.
    private let dynamic: [Int]

    /// The parameters of `actionId` that are code, passed to the action as written: the `script` of the
    /// data-transformation actions (`com.datadoghq.datatransformation.*`), whose JavaScript template literals
    /// (`${x}`) must not be rendered as templates; the script reads the run's context through `$`.
    public static func verbatimNames(actionId: String) -> Set<String> {
        TemplateText.verbatimParameterNames(actionId: actionId)
    }

    /// Parses every parameter of a step.
    /// - Parameter verbatim: names whose values are kept as written (see ``verbatimNames(actionId:)``).
    /// - Throws: ``TemplateError`` for the first parameter that does not parse; its message names the parameter.
    public init(_ parameters: [Parameter]?, verbatim: Set<String> = []) throws(TemplateError) {
        var names: [String] = []
        var templates: [Template] = []
        var positions: [String: Int] = [:]
        for parameter in parameters ?? [] {
            let template: Template
            do {
                template =
                    verbatim.contains(parameter.name)
                    ? Template(source: parameter.value, node: .constant(parameter.value))
                    : try Template(parsing: parameter.value)
            } catch {
                throw error.inParameter(parameter.name)
            }
            if let position = positions[parameter.name] {
                templates[position] = template
            } else {
                positions[parameter.name] = names.count
                names.append(parameter.name)
                templates.append(template)
            }
        }
        self.init(names: names, templates: templates)
    }

    private init(names: [String], templates: [Template]) {
        self.names = names
        self.templates = templates
        var constants: [String: JSONValue] = [:]
        var dynamic: [Int] = []
        for (index, template) in templates.enumerated() {
            if template.isConstant {
                constants[names[index]] = template.source
            } else {
                dynamic.append(index)
            }
        }
        self.constants = constants
        self.dynamic = dynamic
    }

    /// Every template problem of `parameters`, not only the first: for validation.
    public static func problems(in parameters: [Parameter]?) -> [TemplateError] {
        var problems: [TemplateError] = []
        for parameter in parameters ?? [] {
            do {
                _ = try Template(parsing: parameter.value)
            } catch {
                problems.append(error.inParameter(parameter.name))
            }
        }
        return problems
    }

    /// Whether no parameter holds a template: ``render(in:)`` returns stored values without work.
    public var isConstant: Bool { dynamic.isEmpty }

    /// The rendered parameters when none holds a template, else `nil`.
    var constantInputs: [String: JSONValue]? { dynamic.isEmpty ? constants : nil }

    /// The names of the steps whose outputs the parameters read.
    public var stepNames: Set<String> {
        var names = Set<String>()
        for index in dynamic { names.formUnion(templates[index].stepNames) }
        return names
    }

    /// The template of the parameter `name`.
    public subscript(name: String) -> Template? {
        names.firstIndex(of: name).map { templates[$0] }
    }

    /// Renders every parameter into the action's inputs.
    /// - Throws: ``TemplateError`` naming the first parameter that fails (a `${ … }` expression).
    public func render(in context: some TemplateContext) throws(TemplateError) -> [String: JSONValue] {
        guard !dynamic.isEmpty else { return constants }
        var inputs = constants
        for index in dynamic {
            do {
                inputs[names[index]] = try templates[index].render(in: context)
            } catch {
                throw error.inParameter(names[index])
            }
        }
        return inputs
    }

    /// A copy whose `Steps.<name>` paths carry dense step indexes (see ``Template/bindingSteps(_:)``).
    public func bindingSteps(_ indexByName: [String: Int]) -> ParameterTemplates {
        ParameterTemplates(names: names, templates: templates.map { $0.bindingSteps(indexByName) })
    }
}
