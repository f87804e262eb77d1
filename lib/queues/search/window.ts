import type { RedisClient } from '../../redis';
import { jobKey, queueKey } from '../../redis';
import { STATE_SOURCES } from '../jobs';
import type { JobState, QueueRef } from '../types';
import type { Prefilter } from './match';

export type ScanOrder = 'oldest-first' | 'newest-first';

export interface WindowRequest {
  /** Position of the window's first job, counted from the start of the (score-bounded) state in `order`. */
  offset: number;
  count: number;
  order: ScanOrder;
  /** Inclusive score bounds (`-inf`/`+inf` when open); sorted sets only. */
  range: { min: string; max: string } | null;
}

export interface ScriptWindow {
  /** Jobs in the state (within the score range) when the window was read. */
  total: number;
  /** Jobs in the window, matching or not: how far the scan moved. */
  length: number;
  /** Fewer jobs than asked for: the scan reached the end of the state. */
  atEnd: boolean;
  /** The window's jobs that passed the prefilter, with their positions in the window (0-based), in order. */
  ids: string[];
  positions: number[];
  /** How long the script held Redis, in microseconds (Redis's own clock), to size the next window. */
  busyMicros: number;
}

/**
 * Reads one window of a state and keeps the jobs that pass the prefilter, in one call: only the fields the test
 * needs are read, and only candidates leave Redis. The caller sizes windows so each call holds Redis for about a
 * millisecond, and other clients never wait long. A score range is turned into ranks with ZCOUNT (O(log n)):
 * ZRANGEBYSCORE … LIMIT offset would walk `offset` elements one by one, deep into a big set.
 * Job keys are built from ARGV[2] like BullMQ's own scripts do, so it runs wherever they run (hash-tagged queues).
 * KEYS[1] the state's sorted set or list
 * ARGV[1] "zset" or "list", ARGV[2] job key prefix ("<prefix>:<queue>:"), ARGV[3] offset, ARGV[4] count,
 * ARGV[5] "asc" (oldest first) or "desc", ARGV[6]/ARGV[7] score min/max ("" for none),
 * ARGV[8] the text term as a case-insensitive Lua pattern ("" for none): a name prefix or a failure reason
 * substring, ARGV[9] the term as written (exact id), ARGV[10] a literal the raw data must contain ("" for none),
 * ARGV[11]/ARGV[12] creation-time bounds ("" when open)
 * returns { jobs in state, window length, candidate ids, candidate positions, microseconds spent }
 */
const SCAN_WINDOW_SCRIPT = `
local clock = redis.call('TIME')
local key, kind, jobPrefix = KEYS[1], ARGV[1], ARGV[2]
local offset, count, asc = tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5] == 'asc'
local pattern, id, literal = ARGV[8], ARGV[9], ARGV[10]
local prefixPattern = '^' .. pattern
local minCreated, maxCreated = tonumber(ARGV[11]), tonumber(ARGV[12])

local function reversed(list)
  local out = {}
  for i = #list, 1, -1 do out[#out + 1] = list[i] end
  return out
end

local total, ids = 0, {}
if kind == 'list' then
  total = redis.call('LLEN', key)
  if asc then
    ids = reversed(redis.call('LRANGE', key, -(offset + count), -(offset + 1)))
  else
    ids = redis.call('LRANGE', key, offset, offset + count - 1)
  end
elseif ARGV[6] ~= '' then
  local first = 0
  if ARGV[6] ~= '-inf' then first = redis.call('ZCOUNT', key, '-inf', '(' .. ARGV[6]) end
  local last = redis.call('ZCOUNT', key, '-inf', ARGV[7]) - 1
  total = math.max(last - first + 1, 0)
  if offset < total then
    if asc then
      ids = redis.call('ZRANGE', key, first + offset, math.min(first + offset + count - 1, last))
    else
      ids = reversed(redis.call('ZRANGE', key, math.max(last - offset - count + 1, first), last - offset))
    end
  end
else
  total = redis.call('ZCARD', key)
  if asc then ids = redis.call('ZRANGE', key, offset, offset + count - 1)
  else ids = redis.call('ZREVRANGE', key, offset, offset + count - 1) end
end

local fields = {}
if pattern ~= '' then fields[#fields + 1] = 'name'; fields[#fields + 1] = 'failedReason' end
if literal ~= '' then fields[#fields + 1] = 'data' end
if minCreated or maxCreated then fields[#fields + 1] = 'timestamp' end

local keptIds, keptPositions = {}, {}
for i, jobId in ipairs(ids) do
  local keep = true
  if #fields > 0 then
    local values = redis.pcall('HMGET', jobPrefix .. jobId, unpack(fields))
    local at = 1
    -- A job key of the wrong type matches nothing rather than failing the whole window.
    if values.err then keep = false
    elseif pattern ~= '' then
      local name, reason = values[1], values[2]
      at = 3
      keep = jobId == id
        or (name and string.find(name, prefixPattern) ~= nil)
        or (reason and string.find(reason, pattern) ~= nil)
        or false
    end
    if keep and literal ~= '' then
      local data = values[at]
      at = at + 1
      keep = data and string.find(data, literal, 1, true) ~= nil or false
    end
    if keep and (minCreated or maxCreated) then
      -- Like BullMQ's clean, a job without a readable creation time counts as old.
      local created = tonumber(values[at])
      if created then
        keep = (not minCreated or created >= minCreated) and (not maxCreated or created <= maxCreated)
      else
        keep = not minCreated
      end
    end
  end
  if keep then
    keptIds[#keptIds + 1] = jobId
    keptPositions[#keptPositions + 1] = i - 1
  end
end
local now = redis.call('TIME')
return { total, #ids, keptIds, keptPositions, (now[1] - clock[1]) * 1000000 + (now[2] - clock[2]) }`;

/** One window of a state, prefiltered in Redis; a state key of the wrong type throws. */
export async function scanWindow(redis: RedisClient, ref: QueueRef, state: JobState, request: WindowRequest, prefilter: Prefilter): Promise<ScriptWindow> {
  const source = STATE_SOURCES[state];
  const range = source.kind === 'zset' ? request.range : null;
  const [total, length, ids, positions, busyMicros] = (await redis.eval(
    SCAN_WINDOW_SCRIPT,
    1,
    queueKey(ref.prefix, ref.name, source.suffix),
    source.kind,
    jobKey(ref.prefix, ref.name, ''),
    request.offset,
    request.count,
    request.order === 'oldest-first' ? 'asc' : 'desc',
    range?.min ?? '',
    range?.max ?? '',
    prefilter.textPattern,
    prefilter.id,
    prefilter.literal,
    prefilter.minCreated,
    prefilter.maxCreated,
  )) as [number, number, string[], number[], number];
  return { total, length, atEnd: length < request.count, ids, positions, busyMicros };
}
