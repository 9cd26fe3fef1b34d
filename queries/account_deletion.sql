-- A customer closing their own account (web/account/delete.go): what goes with it. Orders,
-- order lines and purchases stay, naming the scrubbed user row (ScrubUser in users.sql), since
-- sellers and the books need them; so does the audit trail, which is append-only.

-- name: DeleteConsumerCart :exec
DELETE FROM cart_lines WHERE consumer_id = sqlc.arg(user_id);

-- name: DeleteUserNotifications :exec
DELETE FROM notifications WHERE user_id = sqlc.arg(user_id);

-- name: DeleteUserNotificationPreferences :exec
DELETE FROM notification_preferences WHERE user_id = sqlc.arg(user_id);

-- name: DeleteUserMail :exec
-- The e-mail written to the user: it names them and their address. A message still waiting
-- to be sent is not sent (its job finds no message and stops).
DELETE FROM mail_messages WHERE user_id = sqlc.arg(user_id);

-- name: DeleteUserPasswordResetTokens :exec
DELETE FROM password_reset_tokens WHERE user_id = sqlc.arg(user_id);

-- name: DeleteUserEmailChangeTokens :exec
DELETE FROM email_change_tokens WHERE user_id = sqlc.arg(user_id);

-- name: DeleteSignupLinksOf :exec
-- Sign-up links sent to the address: the account they would make is the one being closed.
DELETE FROM signup_links WHERE lower(email) = lower(sqlc.arg(email));
