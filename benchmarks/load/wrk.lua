-- wrk script for benchmarks/run. Settings come from the environment, so one script serves every endpoint:
--   WRK_METHOD     GET or POST (default GET)
--   WRK_BODY_FILE  file whose bytes are the request body (default: none)
--   WRK_PIPELINE   requests written back to back per round trip (default 1: plain keep-alive)
-- done() prints one line "WRKJSON {...}" with requests/s, latency percentiles (microseconds) and errors, which the
-- run script parses instead of wrk's human-readable summary.

local method = os.getenv("WRK_METHOD") or "GET"
local body_file = os.getenv("WRK_BODY_FILE")
local depth = tonumber(os.getenv("WRK_PIPELINE") or "1")
local body = nil
if body_file and body_file ~= "" then
  local f = assert(io.open(body_file, "rb"))
  body = f:read("*a")
  f:close()
end

local headers = {}
if body then
  headers["Content-Type"] = "application/octet-stream"
end

local batch

init = function(args)
  local one = wrk.format(method, wrk.path, headers, body)
  local parts = {}
  for i = 1, depth do
    parts[i] = one
  end
  batch = table.concat(parts)
end

request = function()
  return batch
end

done = function(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    'WRKJSON {"requests": %d, "seconds": %.3f, "rps": %.1f, "p50_us": %d, "p90_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
