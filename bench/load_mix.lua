-- wrk script for bench/load_test.py: each request takes a random path of the mix written
-- in WRK_PATHS; at the end, one JSON line with the figures (p95 included, which wrk's own
-- summary does not print).
local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do
  if line ~= "" then paths[#paths + 1] = line end
end
math.randomseed(os.time())

request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end

done = function(summary, latency, requests)
  io.write(string.format(
    'JSON {"requests": %d, "duration_us": %d, "errors_status": %d, "errors_connect": %d, ' ..
    '"errors_timeout": %d, "errors_read": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"max_us": %d}\n',
    summary.requests, summary.duration, summary.errors.status, summary.errors.connect,
    summary.errors.timeout, summary.errors.read, latency:percentile(50),
    latency:percentile(95), latency:percentile(99), latency.max))
end
