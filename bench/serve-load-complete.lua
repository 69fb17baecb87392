-- wrk script for bench/serve-load.sh: completes one duty per request with
-- its sign-off, POST /api/v1/duties/{id}/signoff {"decision":"approve"}.
-- The duties were started, given evidence and submitted by the seeder ("DUTY TOKEN" a line in the file given
-- as the first script argument); thread t of n takes lines t, t+n, t+2n…,
-- so no duty is completed twice. When a thread runs out it starts over, and
-- those repeats are refused (409, not awaiting sign-off), counted by wrk as
-- non-2xx answers.
local entries = {}
local next_index = 1
local thread_count = 0
local body = '{"decision":"approve"}'

function setup(thread)
  thread:set("thread_id", thread_count)
  thread_count = thread_count + 1
end

function init(args)
  local path = args[1] or error("usage: wrk ... -s serve-load-complete.lua -- DUTIES_FILE THREADS")
  local threads = tonumber(args[2] or "1")
  local me = thread_id or 0
  local n = 0
  for line in io.lines(path) do
    local id, token = line:match("^(%d+) (%S+)$")
    if id then
      if n % threads == me then entries[#entries + 1] = { id, "Bearer " .. token } end
      n = n + 1
    end
  end
  if #entries == 0 then error("no duties in " .. path) end
end

function request()
  local e = entries[next_index]
  next_index = next_index % #entries + 1
  return wrk.format("POST", "/api/v1/duties/" .. e[1] .. "/signoff",
    { ["Authorization"] = e[2], ["Content-Type"] = "application/json" }, body)
end
