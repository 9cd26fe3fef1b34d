-- AppConnect's runs: the background work that brings a deployment's revision up step by step,
-- and the deployment's log (migration 00026).

-- name: CreateRun :one
-- A run of a revision with its steps, in order, all waiting.
WITH r AS (
    INSERT INTO app_runs (deployment_id, revision, kind, created_at)
    VALUES (sqlc.arg(deployment_id), sqlc.arg(revision), sqlc.arg(kind), sqlc.arg(now))
    RETURNING id),
s AS (
    INSERT INTO app_run_steps (run_id, position, step)
    SELECT r.id, x.n, x.step FROM r, unnest(sqlc.arg(steps)::text[]) WITH ORDINALITY AS x (step, n))
SELECT id FROM r;

-- name: GetLatestRun :one
-- The latest run of a deployment of the company.
SELECT r.* FROM app_runs r
JOIN app_deployments d ON d.id = r.deployment_id
WHERE r.deployment_id = sqlc.arg(deployment_id) AND d.company_id = sqlc.arg(company_id)
ORDER BY r.id DESC
LIMIT 1;

-- name: ListLatestRunSteps :many
-- The steps of the latest run of a deployment of the company, in order.
SELECT s.* FROM app_run_steps s
WHERE s.run_id = (SELECT r.id FROM app_runs r JOIN app_deployments d ON d.id = r.deployment_id
                  WHERE r.deployment_id = sqlc.arg(deployment_id) AND d.company_id = sqlc.arg(company_id)
                  ORDER BY r.id DESC LIMIT 1)
ORDER BY s.position;

-- name: ListRunSteps :many
SELECT * FROM app_run_steps WHERE run_id = sqlc.arg(run_id) ORDER BY position;

-- name: LockRun :one
-- A run and its deployment, locked while a step is taken or finished, so two workers never
-- take the same step and a retry waits for the step in hand.
SELECT sqlc.embed(r), sqlc.embed(d)
FROM app_runs r
JOIN app_deployments d ON d.id = r.deployment_id
WHERE r.id = sqlc.arg(id)
FOR UPDATE OF r, d;

-- name: SetStepStatus :exec
-- A step started (started_at kept from an interrupted attempt), done or failed.
UPDATE app_run_steps
SET status = sqlc.arg(status)::app_step_status,
    started_at = coalesce(started_at, sqlc.arg(now)::timestamptz),
    finished_at = CASE WHEN sqlc.arg(status)::app_step_status IN ('done', 'failed') THEN sqlc.arg(now)::timestamptz END
WHERE run_id = sqlc.arg(run_id) AND position = sqlc.arg(position);

-- name: SetRunStatus :exec
UPDATE app_runs SET status = sqlc.arg(status), failure = sqlc.arg(failure), finished_at = sqlc.narg(finished_at)
WHERE id = sqlc.arg(id);

-- name: RetryRun :one
-- Queues a failed run again from its failed step, as a new try; no row unless it failed.
WITH s AS (
    UPDATE app_run_steps SET status = 'waiting', started_at = NULL, finished_at = NULL
    WHERE run_id = sqlc.arg(id) AND status = 'failed')
UPDATE app_runs SET status = 'queued', failure = '', finished_at = NULL, tries = tries + 1
WHERE id = sqlc.arg(id) AND status = 'failed'
RETURNING tries;

-- name: LogDeployment :exec
INSERT INTO app_deployment_log (deployment_id, run_id, step, failed, message, actor_id, at)
VALUES (sqlc.arg(deployment_id), sqlc.narg(run_id), sqlc.narg(step), sqlc.arg(failed), sqlc.arg(message),
        sqlc.narg(actor_id), sqlc.arg(now));

-- name: ListDeploymentLog :many
-- The latest entries of a deployment's log, newest first, with who asked.
SELECT l.id, l.step, l.failed, l.message, l.at, l.run_id, coalesce(u.name, '')::text AS actor_name
FROM app_deployment_log l
JOIN app_deployments d ON d.id = l.deployment_id
LEFT JOIN users u ON u.id = l.actor_id
WHERE l.deployment_id = sqlc.arg(deployment_id) AND d.company_id = sqlc.arg(company_id)
ORDER BY l.id DESC
LIMIT sqlc.arg(max_rows);
