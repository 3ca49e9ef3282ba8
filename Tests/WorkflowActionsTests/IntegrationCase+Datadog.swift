import WorkflowModel
import WorkflowTestSupport

extension IntegrationCase {
    /// A Datadog action: no `connectionLabel`, so the manifest's default connection `datadog` is used.
    static func dd(
        _ action: String, setup: JSONValue = [:], _ parameters: [String: JSONValue], _ method: String, _ path: String,
        body: JSONValue? = nil, answer: String, status: Int = 200, output: String, expected: JSONValue,
        notFound: Bool = false
    ) -> IntegrationCase {
        IntegrationCase(
            action: "com.datadoghq.dd." + action, connection: datadog, label: nil, connectionName: "datadog",
            setup: setup, parameters: parameters, method: method, path: path, headers: datadogHeaders, body: body,
            response: .json(text: answer, status: status), output: output, expected: expected,
            failure: notFound ? datadogNotFound : datadogFailure,
            failureMessage: notFound ? datadogNotFoundMessage : datadogMessage)
    }

    static let datadogCases: [IntegrationCase] = [
        dd(
            "incidents.createIncident", setup: ["title": "Disk full"],
            ["title": "{{ Steps.Setup.value.title }}", "customer_impacted": false], "POST", "/api/v2/incidents",
            body: ["data": ["type": "incidents", "attributes": ["title": "Disk full", "customer_impacted": false]]],
            answer: incident, status: 201, output: "incident_id", expected: 12),
        dd(
            "incidents.getIncident", setup: ["id": 12], ["incident_id": "{{ Steps.Setup.value.id }}"], "GET",
            "/api/v2/incidents/12", answer: incident, output: "state", expected: "active", notFound: true),
        dd(
            "casem.createCase", setup: ["project": "p-1"],
            ["project_id": "{{ Steps.Setup.value.project }}", "title": "Disk full", "priority": "P2"], "POST",
            "/api/v2/cases",
            body: [
                "data": [
                    "type": "case", "attributes": ["title": "Disk full", "priority": "P2"],
                    "relationships": ["project": ["data": ["id": "p-1", "type": "project"]]],
                ]
            ],
            answer:
                #"{"data":{"id":"c-1","type":"case","attributes":{"key":"OPS-3","title":"Disk full","status":"OPEN","priority":"P2"},"#
                + #""relationships":{"project":{"data":{"id":"p-1","type":"project"}}}}}"#,
            status: 201, output: "key", expected: "OPS-3"),
        dd(
            "casem.addComment", setup: ["key": "OPS-3"], ["id": "{{ Steps.Setup.value.key }}", "comment": "Seen"],
            "POST",
            "/api/v2/cases/OPS-3/comment", body: ["data": ["type": "case", "attributes": ["comment": "Seen"]]],
            answer: #"{"data":[{"id":"t-1","type":"timeline_cell","attributes":{"type":"COMMENT"}}]}"#,
            output: "commentId", expected: "t-1", notFound: true),
        dd(
            "oncall.page", setup: ["team": "ops"],
            [
                "title": "Disk full", "description": "web-1", "urgency": "high",
                "target": ["type": "team_handle", "identifier": "{{ Steps.Setup.value.team }}"],
            ],
            "POST", "/api/v2/on-call/pages",
            body: [
                "data": [
                    "type": "pages",
                    "attributes": [
                        "title": "Disk full", "description": "web-1", "urgency": "high",
                        "target": ["type": "team_handle", "identifier": "ops"],
                    ],
                ]
            ],
            answer: #"{"data":{"id":"pg-1","type":"pages"}}"#, status: 201, output: "id", expected: "pg-1"),
    ]

    static let datadogReads: [IntegrationCase] = [
        dd(
            "cloudsecurity.getSecuritySignal", setup: ["id": "AQAAAY"], ["signalId": "{{ Steps.Setup.value.id }}"],
            "GET", "/api/v2/security_monitoring/signals/AQAAAY",
            answer: #"{"data":{"id":"AQAAAY","type":"signal","attributes":{"message":"Root login","attributes":{"#
                + #""severity":"high","custom":{"userIdentity":{"arn":"arn:aws:iam::1:user/x"}},"#
                + #""workflow":{"rule":{"id":"r-1","name":"Root login"}}}}}}"#,
            output: "securitySignal.custom.userIdentity.arn", expected: "arn:aws:iam::1:user/x", notFound: true),
        dd(
            "cloudsecurity.getSecurityIssue", setup: ["id": "f-1"], ["id": "{{ Steps.Setup.value.id }}"], "GET",
            "/api/v2/posture_management/findings/f-1",
            answer: #"{"data":{"id":"f-1","type":"finding","attributes":{"resource":"sg-1","status":"critical","#
                + #""rule":{"id":"r-2","name":"Open security group"}}}}"#,
            output: "rule.name", expected: "Open security group", notFound: true),
        dd(
            "logs.listLogsV2", setup: ["query": "service:web"],
            ["query": "{{ Steps.Setup.value.query }}", "time_range": "1d"], "POST", "/api/v2/logs/events/search",
            body: ["filter": ["query": "service:web", "from": "now-1d", "to": "now"], "page": ["limit": 10]],
            answer:
                #"{"data":[{"id":"l1","type":"log","attributes":{"message":"boom"}}],"links":{},"meta":{"status":"done"}}"#,
            output: "data.0.attributes.message", expected: "boom"),
        dd(
            "monitor.getMonitor", setup: ["id": 123], ["monitor_id": "{{ Steps.Setup.value.id }}"], "GET",
            "/api/v1/monitor/123",
            answer: #"{"id":123,"name":"CPU high","type":"metric alert","query":"avg(last_5m):avg:cpu{*} > 90","#
                + #""overall_state":"Alert","tags":["team:ops"],"options":{"thresholds":{"critical":90}}}"#,
            output: "name", expected: "CPU high", notFound: true),
        IntegrationCase(
            action: "com.datadoghq.dd.ip_ranges.getIPRanges", connection: [:], label: "IP_RANGES",
            connectionName: "IP_RANGES", setup: ["site": "datadoghq.eu"],
            parameters: ["site": "{{ Steps.Setup.value.site }}"],
            method: "GET", path: "/", headers: [:], absentHeaders: ["dd-api-key"], body: nil,
            response: .json(
                text:
                    #"{"version":67,"modified":"2026-11-30-10-00-00","workflow-automation":{"prefixes_ipv4":["3.233.144.0/20"]}}"#
            ),
            output: "version", expected: 67,
            failure: StandInServer.Response(
                status: 404, contentType: "text/html", body: Array("<h1>Not Found</h1>".utf8)),
            failureMessage: "404 Not Found: <h1>Not Found</h1>"),
    ]
}
