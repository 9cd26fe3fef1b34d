-- name: DeleteExpiredSessions :execrows
-- Expired sessions are already ignored by the session store; this only reclaims their rows.
DELETE FROM sessions WHERE expiry < current_timestamp;
