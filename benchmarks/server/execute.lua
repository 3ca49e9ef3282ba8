-- wrk script: POST …/instances (execute) with an empty payload.
wrk.method = "POST"
wrk.body = '{"meta":{"payload":{}}}'
wrk.headers["Content-Type"] = "application/json"
