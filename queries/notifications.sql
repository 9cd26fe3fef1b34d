-- Notices in the portal (the bell) and each user's e-mail preferences.

-- name: CreateNotification :exec
-- A notice for a user; a second one for the same event is ignored.
INSERT INTO notifications (user_id, topic, service_event_id, purchase_event_id, title, body, link, created_at)
VALUES (sqlc.arg(user_id), sqlc.arg(topic), sqlc.narg(service_event_id), sqlc.narg(purchase_event_id),
        sqlc.arg(title), sqlc.arg(body), sqlc.arg(link), sqlc.arg(now))
ON CONFLICT DO NOTHING;

-- name: ListNotifications :many
-- A user's notices, newest first, a page at a time.
SELECT id, topic, title, body, link, created_at, read_at
FROM notifications
WHERE user_id = sqlc.arg(user_id)
ORDER BY id DESC
LIMIT sqlc.arg(max_rows) OFFSET sqlc.arg(skip);

-- name: CountNotifications :one
SELECT count(*) FROM notifications WHERE user_id = sqlc.arg(user_id);

-- name: MarkNotificationRead :execrows
-- Marks one of the user's notices read; 0 rows when it is not theirs.
UPDATE notifications SET read_at = coalesce(read_at, sqlc.arg(now)::timestamptz)
WHERE id = sqlc.arg(id) AND user_id = sqlc.arg(user_id);

-- name: MarkAllNotificationsRead :execrows
UPDATE notifications SET read_at = sqlc.arg(now)::timestamptz
WHERE user_id = sqlc.arg(user_id) AND read_at IS NULL;

-- name: ListNotificationPreferences :many
SELECT topic, by_email FROM notification_preferences WHERE user_id = sqlc.arg(user_id);

-- name: SetNotificationPreference :exec
INSERT INTO notification_preferences (user_id, topic, by_email)
VALUES (sqlc.arg(user_id), sqlc.arg(topic), sqlc.arg(by_email))
ON CONFLICT (user_id, topic) DO UPDATE SET by_email = EXCLUDED.by_email;

-- name: ListDigestRecipients :many
-- Staff who want the daily digest today: account managers unless they turned it off, admins
-- only if they turned it on.
SELECT u.id, u.email, u.name, u.role
FROM users u
LEFT JOIN notification_preferences p ON p.user_id = u.id AND p.topic = 'digest'
WHERE u.disabled_at IS NULL AND u.role IN ('account_manager', 'admin')
  AND coalesce(p.by_email, u.role = 'account_manager')
ORDER BY u.id;
