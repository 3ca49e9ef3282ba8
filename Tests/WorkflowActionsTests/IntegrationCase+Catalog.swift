import WorkflowModel
import WorkflowTestSupport

extension IntegrationCase {
    static let githubConnection: JSONValue = ["type": "github", "token": "ghp_testtoken"]
    static let githubHeaders = ["authorization": "Bearer ghp_testtoken", "accept": "application/vnd.github+json"]
    static let githubFailure = StandInServer.Response.json(
        text: #"{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}"#,
        status: 401)
    static let githubMessage =
        #"401 Unauthorized: {"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}"#

    static let jira: JSONValue = ["type": "jira", "email": "me@example.com", "apiToken": "jira-token-1"]
    static let jiraHeaders = ["authorization": basic("me@example.com", "jira-token-1")]
    static let jiraFailure = StandInServer.Response.json(
        text: #"{"errorMessages":["Issue does not exist or you do not have permission to see it."],"errors":{}}"#,
        status: 404)
    static let jiraMessage =
        #"404 Not Found: {"errorMessages":["Issue does not exist or you do not have permission to see it."],"errors":{}}"#

    static let pagerduty: JSONValue = ["type": "pagerduty", "routingKey": "R0UT1NGKEY0123456789"]
    static let pagerdutyFailure = StandInServer.Response.json(
        text: #"{"status":"invalid event","message":"Event object is invalid","errors":["'routing_key' is invalid"]}"#,
        status: 400)
    static let pagerdutyMessage =
        #"400 Bad Request: {"status":"invalid event","message":"Event object is invalid","errors":["'routing_key' is invalid"]}"#
    static let pagerdutyAnswer = StandInServer.Response.json(
        text: #"{"status":"success","message":"Event processed","dedup_key":"disk-web-1"}"#, status: 202)

    static let datadog: JSONValue = ["type": "datadog", "apiKey": "dd-api-key-1", "appKey": "dd-app-key-1"]
    static let datadogHeaders = ["dd-api-key": "dd-api-key-1", "dd-application-key": "dd-app-key-1"]
    static let datadogFailure = StandInServer.Response.json(text: #"{"errors":["Forbidden"]}"#, status: 403)
    static let datadogMessage = #"403 Forbidden: {"errors":["Forbidden"]}"#
    static let datadogNotFound = StandInServer.Response.json(text: #"{"errors":[{"detail":"not found"}]}"#, status: 404)
    static let datadogNotFoundMessage = #"404 Not Found: {"errors":[{"detail":"not found"}]}"#

    static let incident =
        #"{"data":{"id":"00000000-0000-0000-0000-00000000000c","type":"incidents","attributes":{"public_id":12,"#
        + #""title":"Disk full","customer_impacted":false,"fields":{"state":{"type":"dropdown","value":"active"},"#
        + #""severity":{"type":"dropdown","value":"UNKNOWN"}}}}}"#

    static let all: [IntegrationCase] = githubCases + chat + datadogCases + datadogReads + datadogNotebooks

    static let githubCases: [IntegrationCase] = [
        IntegrationCase(
            action: "com.datadoghq.github.createIssue", connection: githubConnection, label: "INTEGRATION_GITHUB",
            connectionName: "INTEGRATION_GITHUB", setup: ["repo": "acme/api", "title": "Disk full"],
            parameters: [
                "repository": "{{ Steps.Setup.value.repo }}", "title": "{{ Steps.Setup.value.title }}",
                "labels": ["ops"],
            ],
            method: "POST", path: "/repos/acme/api/issues", headers: githubHeaders,
            body: ["title": "Disk full", "labels": ["ops"]],
            response: .json(
                text: #"{"id":1,"number":42,"html_url":"https://github.com/acme/api/issues/42","state":"open"}"#,
                status: 201),
            output: "issueNumber", expected: 42, failure: githubFailure, failureMessage: githubMessage),
        IntegrationCase(
            action: "com.datadoghq.github.createComment", connection: githubConnection, label: "INTEGRATION_GITHUB",
            connectionName: "INTEGRATION_GITHUB", setup: ["repo": "acme/api", "number": 42],
            parameters: [
                "repository": "{{ Steps.Setup.value.repo }}", "prNumber": "{{ Steps.Setup.value.number }}",
                "body": "Seen",
            ],
            method: "POST", path: "/repos/acme/api/issues/42/comments", headers: githubHeaders, body: ["body": "Seen"],
            response: .json(
                text: #"{"id":7,"html_url":"https://github.com/acme/api/issues/42#issuecomment-7"}"#, status: 201),
            output: "commentId", expected: 7, failure: githubFailure, failureMessage: githubMessage),
        IntegrationCase(
            action: "com.datadoghq.github.actions.triggerWorkflowRun", connection: githubConnection,
            label: "INTEGRATION_GITHUB",
            connectionName: "INTEGRATION_GITHUB", setup: ["env": "prod"],
            parameters: [
                "repository": "acme/api", "workflowId": "deploy.yml", "ref": "main",
                "inputs": ["env": "{{ Steps.Setup.value.env }}"],
            ],
            method: "POST", path: "/repos/acme/api/actions/workflows/deploy.yml/dispatches", headers: githubHeaders,
            body: ["ref": "main", "inputs": ["env": "prod"]],
            response: StandInServer.Response(status: 204, contentType: "text/plain", body: []),
            output: "status", expected: 204, failure: githubFailure, failureMessage: githubMessage),
    ]

    static let chat: [IntegrationCase] =
        [
            IntegrationCase(
                action: "com.datadoghq.slack.send_simple_message",
                connection: ["type": "slack", "botToken": "xoxb-test-1"],
                label: "SLACK", connectionName: "SLACK", setup: ["text": "Disk full on web-1"],
                parameters: ["channel": "C0123", "teamId": "T1", "text": "{{ Steps.Setup.value.text }}"],
                method: "POST", path: "/api/chat.postMessage", headers: ["authorization": "Bearer xoxb-test-1"],
                body: ["channel": "C0123", "text": "Disk full on web-1"],
                response: .json(
                    text:
                        #"{"ok":true,"channel":"C0123","ts":"1712345678.000100","message":{"text":"Disk full on web-1","ts":"1712345678.000100"}}"#
                ),
                output: "ts", expected: "1712345678.000100",
                failure: .json(text: #"{"ok":false,"error":"invalid_auth"}"#),
                failureMessage: "Slack chat.postMessage failed: invalid_auth"),
            IntegrationCase(
                action: "com.datadoghq.jira.create_issue", connection: jira, baseField: "siteUrl", label: "JIRA",
                connectionName: "JIRA", setup: ["project": "OPS"],
                parameters: [
                    "summary": "Disk full", "projectKey": "{{ Steps.Setup.value.project }}", "issueTypeName": "Task",
                ],
                method: "POST", path: "/rest/api/2/issue", headers: jiraHeaders,
                body: ["fields": ["project": ["key": "OPS"], "issuetype": ["name": "Task"], "summary": "Disk full"]],
                response: .json(
                    text:
                        #"{"id":"10001","key":"OPS-7","self":"https://example.atlassian.net/rest/api/2/issue/10001"}"#,
                    status: 201),
                output: "issueKey", expected: "OPS-7", failure: jiraFailure, failureMessage: jiraMessage),
            IntegrationCase(
                action: "com.datadoghq.jira.add_comment", connection: jira, baseField: "siteUrl", label: "JIRA",
                connectionName: "JIRA", setup: ["key": "OPS-7"],
                parameters: ["issueKey": "{{ Steps.Setup.value.key }}", "comment": "Seen"],
                method: "POST", path: "/rest/api/2/issue/OPS-7/comment", headers: jiraHeaders, body: ["body": "Seen"],
                response: .json(
                    text: #"{"id":"100","created":"2026-12-06T02:00:00.000+0000","body":"Seen"}"#, status: 201),
                output: "commentId", expected: "100", failure: jiraFailure, failureMessage: jiraMessage),
        ]
        + ["trigger", "acknowledge", "resolve"].map { kind in
            let payload: JSONValue = ["summary": "Disk full", "source": "web-1", "severity": "critical"]
            var body: JSONValue = [
                "routing_key": "R0UT1NGKEY0123456789", "event_action": .string(kind), "dedup_key": "disk-web-1",
            ]
            var parameters: [String: JSONValue] = ["dedupKey": "{{ Steps.Setup.value.key }}"]
            if kind == "trigger" {
                body = [
                    "routing_key": "R0UT1NGKEY0123456789", "event_action": "trigger", "dedup_key": "disk-web-1",
                    "payload": payload,
                ]
                parameters.merge(["summary": "Disk full", "source": "web-1", "severity": "critical"]) { $1 }
            }
            return IntegrationCase(
                action: "com.datadoghq.pagerduty.\(kind)_incident", connection: pagerduty, label: "PAGERDUTY",
                connectionName: "PAGERDUTY", setup: ["key": "disk-web-1"], parameters: parameters,
                method: "POST", path: "/v2/enqueue", headers: [:], absentHeaders: ["authorization"], body: body,
                response: pagerdutyAnswer, output: "dedupKey", expected: "disk-web-1",
                failure: pagerdutyFailure, failureMessage: pagerdutyMessage)
        }
}
