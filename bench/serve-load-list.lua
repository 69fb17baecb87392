-- wrk script for bench/serve-load.sh: GET /api/v1/subscriptions/{id}/duties,
-- rotating over the seeded customers (one "SUBSCRIPTION TOKEN" a line in the
-- file given as the first script argument), each thread from its own offset.
local entries = {}
local next_index = 1
local thread_count = 0

function setup(thread)
  thread:set("thread_id", thread_count)
  thread_count = thread_count + 1
end

function init(args)
  local path = args[1] or error("usage: wrk ... -s serve-load-list.lua -- SUBS_FILE")
  for line in io.lines(path) do
    local id, token = line:match("^(%d+) (%S+)$")
    if id then entries[#entries + 1] = { id, "Bearer " .. token } end
  end
  if #entries == 0 then error("no subscriptions in " .. path) end
  next_index = ((thread_id or 0) * 7919) % #entries + 1
end

function request()
  local e = entries[next_index]
  next_index = next_index % #entries + 1
  return wrk.format("GET", "/api/v1/subscriptions/" .. e[1] .. "/duties", { ["Authorization"] = e[2] })
end
