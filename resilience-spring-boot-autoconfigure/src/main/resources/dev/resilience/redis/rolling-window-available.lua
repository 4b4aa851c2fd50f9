-- How many calls could start now without waiting, by the list of rolling-window-reserve.lua;
-- changes nothing.
-- KEYS[1]  the reserved starts of the last `limit` calls, oldest first
-- ARGV[1]  now, by the caller's clock, in microseconds since the epoch
-- ARGV[2]  limit
-- ARGV[3]  period, in microseconds
local now = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local period = tonumber(ARGV[3])
local starts = redis.call('LRANGE', KEYS[1], -limit, -1)
local free = limit - #starts
-- the list is ordered, so the starts that have left the window come first
for i = 1, #starts do
	if tonumber(starts[i]) + period > now then
		break
	end
	free = free + 1
end
return free
