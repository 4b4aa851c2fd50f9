-- One decision of a strict rolling window, the algorithm of RollingWindowRateLimiter.reserve:
-- a call starts at its turn, one period after the oldest of the last `limit` reserved starts,
-- and is refused when that turn comes later than it may wait or not before its deadline.
-- KEYS[1]  the reserved starts of the last `limit` calls (a list, oldest first), in microseconds
--          since the epoch
-- ARGV[1]  now, by the caller's clock, in microseconds since the epoch
-- ARGV[2]  limit
-- ARGV[3]  period, in microseconds
-- ARGV[4]  longest wait for a turn, in microseconds
-- ARGV[5]  time left before the call's deadline, in microseconds rounded up, or -1 for none
-- Returns the wait before the call may start, in microseconds (0: at once), or -1: refused, and
-- nothing reserved.
local now = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local period = tonumber(ARGV[3])
local maxWait = tonumber(ARGV[4])
local deadline = tonumber(ARGV[5])
local size = redis.call('LLEN', KEYS[1])
local start = now
if size > 0 then
	-- never before the latest start, so that the list stays ordered when the callers' clocks
	-- disagree a little
	start = math.max(start, tonumber(redis.call('LINDEX', KEYS[1], -1)))
	if size >= limit then
		if size > limit then
			-- the limit was lowered
			redis.call('LTRIM', KEYS[1], -limit, -1)
		end
		start = math.max(start, tonumber(redis.call('LINDEX', KEYS[1], 0)) + period)
	end
end
local wait = start - now
if wait > 0 and (wait > maxWait or (deadline >= 0 and wait >= deadline)) then
	return -1
end
-- '%d' keeps every digit, where tostring would round to 14 of them
redis.call('RPUSH', KEYS[1], string.format('%d', start))
if size >= limit then
	redis.call('LPOP', KEYS[1])
end
-- the latest start is the last to leave the window; then the list constrains nothing
redis.call('PEXPIRE', KEYS[1], math.ceil((wait + period) / 1000))
return wait
