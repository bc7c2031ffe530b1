-- wrk script of bench/serve.sh: POSTs the query of $QUERY_FILE (SPARQL 1.1 protocol, "query via
-- POST directly") asking for SPARQL JSON results, and stops each thread after $MAX_REQUESTS
-- answers, so that a run is bounded in count as well as in time (wrk -d).
local file = assert(io.open(os.getenv("QUERY_FILE"), "r"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/sparql-query"
wrk.headers["Accept"] = "application/sparql-results+json"

local limit = tonumber(os.getenv("MAX_REQUESTS") or "100000")
local answered = 0

function response(status, headers, body)
  answered = answered + 1
  if answered >= limit then
    wrk.thread:stop()
  end
end
