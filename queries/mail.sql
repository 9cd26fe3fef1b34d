-- The e-mail the portal writes (migration 00024): the outbox and the sending job's record.

-- name: CreateMailMessage :one
-- A message to send (status 'queued') or to keep in the outbox ('kept'); no row comes back
-- when one with the same dedupe_key exists already.
INSERT INTO mail_messages (dedupe_key, user_id, to_address, to_name, kind, subject, text_body, html_body,
                           unsubscribe_url, status, created_at)
VALUES (sqlc.arg(dedupe_key), sqlc.narg(user_id), sqlc.arg(to_address), sqlc.arg(to_name), sqlc.arg(kind),
        sqlc.arg(subject), sqlc.arg(text_body), sqlc.arg(html_body), sqlc.arg(unsubscribe_url),
        sqlc.arg(status), sqlc.arg(now))
ON CONFLICT (dedupe_key) DO NOTHING
RETURNING id;

-- name: GetMailMessage :one
SELECT * FROM mail_messages WHERE id = sqlc.arg(id);

-- name: MarkMailSent :exec
UPDATE mail_messages SET status = 'sent', sent_at = sqlc.arg(now)::timestamptz, attempts = attempts + 1, last_error = ''
WHERE id = sqlc.arg(id);

-- name: MarkMailAttempt :exec
-- A failed attempt: still queued for a retry, or failed for good.
UPDATE mail_messages SET status = sqlc.arg(status), attempts = attempts + 1, last_error = sqlc.arg(last_error)
WHERE id = sqlc.arg(id);

-- name: ListMailMessages :many
-- The outbox, newest first, a page at a time.
SELECT id, kind, to_address, to_name, subject, status, attempts, last_error, created_at, sent_at
FROM mail_messages
ORDER BY id DESC
LIMIT sqlc.arg(max_rows) OFFSET sqlc.arg(skip);

-- name: CountMailMessages :one
-- All messages, or (kind '') those of one kind.
SELECT count(*) FROM mail_messages WHERE sqlc.arg(kind)::text = '' OR kind = sqlc.arg(kind)::text;
