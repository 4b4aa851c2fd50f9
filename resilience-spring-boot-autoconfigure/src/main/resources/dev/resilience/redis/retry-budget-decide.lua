-- One decision of a retry budget, the algorithm of SlottedRetryBudget: over any window,
-- retries <= minimum + ratio x first attempts, the window divided into ten slots; a retry counts
-- while its slot overlaps the window, a first attempt only while its whole slot lies inside it.
-- KEYS[1]  a hash of counts per slot: 'r<slot>' retries, 'f<slot>' first attempts, a slot being
--          the caller's microseconds since the epoch divided by the slot length
-- ARGV[1]  now, by the caller's clock, in microseconds since the epoch
-- ARGV[2]  slot length (a tenth of the window), in microseconds
-- ARGV[3]  minimum: retries allowed per window whatever the traffic
-- ARGV[4]  ratio: retries allowed per first attempt in the window
-- ARGV[5]  1: count the retry when it is granted; 0: only tell whether it would be
-- ARGV[6], ARGV[7], ...  first attempts the caller counted since its last decision, as pairs of
--          slot and count, added before deciding
-- Returns 1 when the retry is granted, 0 when it is refused.
local now = tonumber(ARGV[1])
local slotLength = tonumber(ARGV[2])
local minimum = tonumber(ARGV[3])
local ratio = tonumber(ARGV[4])
local acquire = ARGV[5] == '1'
local slot = math.floor(now / slotLength)
local oldest = slot - 10
local written = false
for i = 6, #ARGV - 1, 2 do
	local firstSlot = tonumber(ARGV[i])
	if firstSlot > oldest then
		-- '%d' keeps every digit, where tostring would round to 14 of them
		redis.call('HINCRBY', KEYS[1], string.format('f%d', firstSlot), tonumber(ARGV[i + 1]))
		written = true
	end
end
local spent = 0
local earned = 0
local counts = redis.call('HGETALL', KEYS[1])
for i = 1, #counts, 2 do
	local field = counts[i]
	local fieldSlot = tonumber(string.sub(field, 2))
	if fieldSlot < oldest then
		-- out of the window for good
		redis.call('HDEL', KEYS[1], field)
	elseif string.sub(field, 1, 1) == 'r' then
		-- also a later slot, written by a caller whose clock is ahead
		spent = spent + tonumber(counts[i + 1])
	elseif fieldSlot > oldest and fieldSlot <= slot then
		earned = earned + tonumber(counts[i + 1])
	end
end
local granted = spent + 1 <= minimum + ratio * earned
if granted and acquire then
	redis.call('HINCRBY', KEYS[1], string.format('r%d', slot), 1)
	written = true
end
if written then
	-- the retry of this slot is the last count to leave the window, at the end of slot + 10
	local ttl = math.ceil(((slot + 11) * slotLength - now) / 1000)
	if redis.call('PTTL', KEYS[1]) < ttl then
		redis.call('PEXPIRE', KEYS[1], ttl)
	end
end
if granted then
	return 1
end
return 0
