-- Deletes the shared state of one instance, for a reset: the next decision starts from nothing.
-- KEYS[1]  the key of the instance's state
-- Returns 1 when the key existed, 0 when it did not.
return redis.call('DEL', KEYS[1])
