import WorkflowModel
import WorkflowTestSupport

extension IntegrationCase {
    /// A notebook as Datadog's API answers (trimmed from a response recorded by Datadog's official Python client).
    static let notebook =
        #"{"data":{"type":"notebooks","id":774483,"attributes":{"name":"Disk full on web-1","cells":[{"attributes":"#
        + #"{"definition":{"text":"Timeline of the outage","type":"markdown"}},"type":"notebook_cells","id":"zv49s0vw"}],"#
        + #""time":{"live_span":"1h"},"status":"published","modified":"2021-05-11T11:04:06.970473+00:00","#
        + #""created":"2021-05-11T11:04:06.970473+00:00","author":{"name":null,"handle":"frog@datadoghq.com","#
        + #""email":"frog@datadoghq.com","status":"Active"}}}}"#

    static let markdownCell: JSONValue = [
        "type": "notebook_cells", "attributes": ["definition": ["text": "Timeline of the outage", "type": "markdown"]],
    ]

    static let datadogNotebooks: [IntegrationCase] = [
        dd(
            "notebooks.createNotebook", setup: ["name": "Disk full on web-1"],
            [
                "name": "{{ Steps.Setup.value.name }}", "cells": [markdownCell], "time": ["live_span": "1h"],
                "status": "published",
            ],
            "POST", "/api/v1/notebooks",
            body: [
                "data": [
                    "type": "notebooks",
                    "attributes": [
                        "name": "Disk full on web-1", "cells": [markdownCell], "time": ["live_span": "1h"],
                        "status": "published",
                    ],
                ]
            ],
            answer: notebook, output: "url", expected: "https://app.datadoghq.com/notebook/774483"),
        dd(
            "notebooks.getNotebook", setup: ["id": 774483], ["notebook_id": "{{ Steps.Setup.value.id }}"], "GET",
            "/api/v1/notebooks/774483", answer: notebook, output: "cells.0.attributes.definition.text",
            expected: "Timeline of the outage", notFound: true),
        dd(
            "notebooks.getNotebookWithoutCells", setup: ["id": 774483],
            ["notebook_id": "{{ Steps.Setup.value.id }}"], "GET", "/api/v1/notebooks/774483", answer: notebook,
            output: "author.handle", expected: "frog@datadoghq.com", notFound: true),
        {
            var list = dd(
                "notebooks.listNotebooks", setup: ["query": "disk"],
                ["query": "{{ Steps.Setup.value.query }}", "count": 5, "sort_field": "modified"], "GET",
                "/api/v1/notebooks",
                answer: #"{"data":[{"id":774483,"type":"notebooks","attributes":{"name":"Disk full on web-1"}}],"#
                    + #""meta":{"page":{"total_count":1,"total_filtered_count":1}}}"#,
                output: "meta.page.total_count", expected: 1)
            list.query = "count=5&query=disk&sort_field=modified"
            return list
        }(),
        dd(
            "notebooks.updateNotebook", setup: ["id": 774483],
            [
                "notebook_id": "{{ Steps.Setup.value.id }}", "name": "Disk full (resolved)", "cells": [markdownCell],
                "timeframe": ["live_span": "4h"],
            ],
            "PUT", "/api/v1/notebooks/774483",
            body: [
                "data": [
                    "type": "notebooks",
                    "attributes": [
                        "name": "Disk full (resolved)", "cells": [markdownCell], "time": ["live_span": "4h"],
                    ],
                ]
            ],
            answer: notebook, output: "data.id", expected: 774483, notFound: true),
        dd(
            "notebooks.deleteNotebook", setup: ["id": 774483], ["notebook_id": "{{ Steps.Setup.value.id }}"],
            "DELETE", "/api/v1/notebooks/774483", answer: "", status: 204, output: "status", expected: 204,
            notFound: true),
    ]
}
