-- A mixed load for wrk against the local stack: availability (35 %), bookings by new and returning
-- customers (20 %), customers reading their booking with the manage token (30 %) and staff reading a
-- day's bookings (15 %). The data (free slots, seed bookings, a staff id token) comes from
-- mixed_load_prepare.py; every thread books its own share of the free slots, so no booking can
-- lose a race and every answer must be a 2xx. done() prints the answers by kind and status.
local data = dofile(os.getenv("SAFEBOOK_LOAD_DATA"))
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  thread_count = tonumber(os.getenv("SAFEBOOK_LOAD_THREADS"))
  next_slot = id + 1
  sent = 0
  answers = {}
  kinds = {}
  math.randomseed(os.time() + id * 7919)
end

local function booking_request()
  local start = data.slots[next_slot]
  if start == nil then
    return nil
  end
  next_slot = next_slot + thread_count
  sent = sent + 1
  -- One customer in four books for the first time; the others are one of 200 returning customers.
  local customer = math.random(4) == 1 and string.format("new-%d-%d", id, sent) or string.format("regular-%d", math.random(200))
  local body = string.format(
    '{"serviceId":"%s","start":"%s","customer":{"name":"Load Customer","email":"%s@example.com"}}',
    data.service, start, customer)
  local headers = {
    ["Content-Type"] = "application/json",
    -- Zero-padded: an Idempotency-Key has at least 16 characters, and "load-0-3-4711" would be refused.
    ["Idempotency-Key"] = string.format("load-%d-%06d-%010d", id, sent, math.random(1000000000)),
  }
  return wrk.format("POST", "/bookings", headers, body)
end

function request()
  local roll = math.random(100)
  if roll <= 20 then
    local booking = booking_request()
    if booking ~= nil then
      current = "booking"
      return booking
    end
  end
  if roll > 20 and roll <= 50 then
    current = "manage-read"
    local booking = data.bookings[math.random(#data.bookings)]
    return wrk.format("GET", "/bookings/" .. booking.id, { ["Authorization"] = "Bearer " .. booking.token })
  end
  if roll > 50 and roll <= 65 then
    current = "staff-read"
    local day = data.staffDays[math.random(#data.staffDays)]
    return wrk.format("GET", "/staff/bookings?date=" .. day, { ["Authorization"] = data.staffToken })
  end
  current = "availability"
  return wrk.format("GET", "/availability?serviceId=" .. data.service .. "&from=" .. data.from .. "&to=" .. data.to)
end

-- wrk answers requests in order on each connection, but request() and response() are not paired
-- across connections, so answers are counted by status, and requests by kind when they are made.
function response(status, headers, body)
  answers[status] = (answers[status] or 0) + 1
end

local request_of = request
function request()
  local made = request_of()
  kinds[current] = (kinds[current] or 0) + 1
  return made
end

function done(summary, latency, requests)
  local by_status, by_kind = {}, {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("answers")) do
      by_status[status] = (by_status[status] or 0) + count
    end
    for kind, count in pairs(thread:get("kinds")) do
      by_kind[kind] = (by_kind[kind] or 0) + count
    end
  end
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  io.write(string.format("RESULT requests=%d seconds=%.1f throughput=%.1f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f",
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format(" socket_errors=%d\n", errors.connect + errors.read + errors.write + errors.timeout))
  for status, count in pairs(by_status) do
    io.write(string.format("STATUS %d %d\n", status, count))
  end
  for kind, count in pairs(by_kind) do
    io.write(string.format("KIND %s %d\n", kind, count))
  end
end
