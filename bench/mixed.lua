-- SPDX-License-Identifier: EUPL-1.2
-- A mixed load for wrk: pages, API reads and 4 % writes (creates of people through the API).
-- The API key comes from the environment (SAMENHANG_SLEUTEL); bench/mixed.py sets it.
local key = os.getenv("SAMENHANG_SLEUTEL")
local reads = {
  "/", "/gemeenten/GM0153", "/gemeenten/GM0164", "/arbeidsmarktregios/AM05", "/indicatoren/inwoners?gebied=GM0153",
  "/begrippen", "/begrippen/werkloosheid", "/zoeken?q=enschede", "/regelingen", "/afspraken", "/overleggen",
  "/themas/krapte", "/personen",
  "/api/v1/gebieden?soort=gemeente&jaar=2026", "/api/v1/gebieden/GM0153", "/api/v1/indicatoren",
  "/api/v1/indicatoren/inwoners/waarden?gebied=GM0153", "/api/v1/begrippen?zoek=werkloos",
  "/api/v1/regelingen", "/api/v1/personen", "/api/v1/themas/krapte", "/api/v1/afspraken/_achterstallig",
}
local threads = {}
local counter = 0

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  statuses = {}
  writes = 0
  math.randomseed(id * 7919)
end

function request()
  counter = counter + 1
  if math.random() < 0.04 then
    writes = writes + 1
    local body = string.format('{"naam":"Last %d-%d","functie":"overig","zichtbaarheid":"organisatie"}', id, counter)
    return wrk.format("POST", "/api/v1/personen", {
      ["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json" }, body)
  end
  local path = reads[math.random(#reads)]
  if string.sub(path, 1, 5) == "/api/" then
    return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. key })
  end
  return wrk.format("GET", path)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local all, w = {}, 0
  for _, t in ipairs(threads) do
    w = w + t:get("writes")
    for s, n in pairs(t:get("statuses")) do all[s] = (all[s] or 0) + n end
  end
  local parts = {}
  for s, n in pairs(all) do table.insert(parts, string.format("%d: %d", s, n)) end
  table.sort(parts)
  io.write(string.format("writes: %d\nstatuses: %s\n", w, table.concat(parts, ", ")))
end
