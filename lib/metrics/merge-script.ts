import type { Result } from 'ioredis';
import type { RedisClient } from '../redis';

/**
 * Merges encoded records (codec.ts) into the fields of one hash in a single atomic step, so several
 * workers and the monitor can write the same bucket at once. Counts, sums and histogram buckets add up;
 * the two maxima and the gauges keep the larger value.
 *
 * KEYS[1]  the hash: a window of a series (field = slot index) or a queue's totals (field = "all")
 * ARGV[1]  PEXPIREAT for the hash, ms since epoch
 * ARGV[2k], ARGV[2k+1]  field and encoded delta record, k = 1…n
 * Returns n.
 */
const MERGE_RECORDS_LUA = `
local rcall = redis.call
local KEEP_MAX = { [5] = true, [7] = true }

local function split(text, separator)
  local parts, from = {}, 1
  while true do
    local at = string.find(text, separator, from, true)
    if not at then
      parts[#parts + 1] = string.sub(text, from)
      return parts
    end
    parts[#parts + 1] = string.sub(text, from, at - 1)
    from = at + 1
  end
end

local function numbers(text)
  local values = {}
  if text == nil or text == '' then return values end
  for index, part in ipairs(split(text, ',')) do values[index] = tonumber(part) or false end
  return values
end

local function integer(value)
  return string.format('%.0f', value)
end

local function addHistogram(text, into)
  if text == nil or text == '' then return end
  local colon = string.find(text, ':', 1, true)
  if not colon then return end
  local bucket = tonumber(string.sub(text, 1, colon - 1))
  for _, count in ipairs(split(string.sub(text, colon + 1), ',')) do
    into[bucket] = (into[bucket] or 0) + (tonumber(count) or 0)
    bucket = bucket + 1
  end
end

local function encodeHistogram(histogram)
  local low, high
  for bucket, count in pairs(histogram) do
    if count ~= 0 then
      if low == nil or bucket < low then low = bucket end
      if high == nil or bucket > high then high = bucket end
    end
  end
  if low == nil then return '' end
  local counts = {}
  for bucket = low, high do counts[#counts + 1] = integer(histogram[bucket] or 0) end
  return integer(low) .. ':' .. table.concat(counts, ',')
end

local function mergeCounters(a, b)
  local x, y = numbers(a), numbers(b)
  local out, nonzero = {}, false
  for i = 1, 7 do
    local value
    if KEEP_MAX[i] then value = math.max(x[i] or 0, y[i] or 0) else value = (x[i] or 0) + (y[i] or 0) end
    if value ~= 0 then nonzero = true end
    out[i] = integer(value)
  end
  if not nonzero then return '' end
  return table.concat(out, ',')
end

local function mergeGauges(a, b)
  if a == nil or a == '' then return b or '' end
  if b == nil or b == '' then return a end
  local x, y = numbers(a), numbers(b)
  local out = {}
  for i = 1, 7 do
    local p, q = x[i], y[i]
    if p and q then out[i] = integer(math.max(p, q))
    elseif p then out[i] = integer(p)
    elseif q then out[i] = integer(q)
    else out[i] = '' end
  end
  return table.concat(out, ',')
end

local function merge(old, delta)
  if not old then return delta end
  local a, b = split(old, '|'), split(delta, '|')
  local wait, runtime = {}, {}
  addHistogram(a[3], wait)
  addHistogram(b[3], wait)
  addHistogram(a[4], runtime)
  addHistogram(b[4], runtime)
  return table.concat({ mergeCounters(a[1], b[1]), mergeGauges(a[2], b[2]), encodeHistogram(wait), encodeHistogram(runtime) }, '|')
end

local key = KEYS[1]
for i = 2, #ARGV, 2 do
  local field = ARGV[i]
  rcall('HSET', key, field, merge(rcall('HGET', key, field), ARGV[i + 1]))
end
rcall('PEXPIREAT', key, ARGV[1])
return (#ARGV - 1) / 2
`;

const COMMAND = 'lookoutMergeRecords';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    lookoutMergeRecords(key: string, expireAtMs: number, ...fieldsAndRecords: string[]): Result<number, Context>;
  }
}

/** Registers the merge script on a client (once); ioredis sends EVALSHA and falls back to EVAL by itself. */
export function withMergeScript<C extends RedisClient>(redis: C): C {
  if (typeof (redis as Partial<Record<typeof COMMAND, unknown>>)[COMMAND] !== 'function') {
    redis.defineCommand(COMMAND, { numberOfKeys: 1, lua: MERGE_RECORDS_LUA });
  }
  return redis;
}
