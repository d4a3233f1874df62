-- wrk script: POST /api/v4/notify with msgpack WRP bodies, taking turns over the files
-- body-0.msgpack ... body-N.msgpack in WRK_BODIES (written by io.wrpkafka.bench.NotifyBodies).
-- Usage: WRK_BODIES=DIR wrk -t2 -c32 -d20s --latency -s benchmarks/wrk/notify.lua http://HOST:PORT
-- WRK_PIPELINE=N (default 1) sends N requests back to back on a connection before reading their
-- answers (HTTP/1.1 pipelining). Talaria does not pipeline; this shows what the bridge does when
-- a read and a write system call carry N requests instead of one.
local dir = os.getenv("WRK_BODIES") or error("set WRK_BODIES to the directory of body-N.msgpack files")
local bodies = {}
while true do
  local file = io.open(dir .. "/body-" .. #bodies .. ".msgpack", "rb")
  if file == nil then break end
  bodies[#bodies + 1] = file:read("*a")
  file:close()
end
if #bodies == 0 then error("no body-0.msgpack in " .. dir) end

-- Built in init: only then does wrk know the host, and HTTP/1.1 requires the Host header.
local requests = {}
local next = 0
local pipeline = tonumber(os.getenv("WRK_PIPELINE") or "1")

init = function(args)
  for i, body in ipairs(bodies) do
    local headers = { ["Content-Type"] = "application/msgpack",
                      ["Host"] = wrk.host .. ":" .. wrk.port }
    requests[i] = wrk.format("POST", "/api/v4/notify", headers, body)
  end
end

request = function()
  if pipeline <= 1 then
    next = next % #requests + 1
    return requests[next]
  end
  local batch = {}
  for i = 1, pipeline do
    next = next % #requests + 1
    batch[i] = requests[next]
  end
  return table.concat(batch)
end

local statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors connect %d read %d write %d status %d timeout %d\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout))
  io.write(string.format("p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000))
end
