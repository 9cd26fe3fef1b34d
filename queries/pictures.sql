-- Pictures of companies (their logo) and products, and their renditions (web/pictures).

-- name: CountProductPictures :one
-- How many pictures a product has; the caller holds the product locked, so two uploads at
-- once cannot both take the fifth place.
SELECT count(*)::integer FROM pictures WHERE product_id = sqlc.arg(product_id);

-- name: LockProductForPictures :one
-- Locks a product of the company for a change to its pictures; no row when it is not theirs.
SELECT id FROM products WHERE id = sqlc.arg(id) AND company_id = sqlc.arg(company_id) FOR UPDATE;

-- name: CreatePicture :one
INSERT INTO pictures (company_id, product_id, position, created_at)
VALUES (sqlc.arg(company_id), sqlc.narg(product_id),
    coalesce((SELECT max(p.position) + 1 FROM pictures p WHERE p.product_id = sqlc.narg(product_id)), 0),
    sqlc.arg(created_at))
RETURNING id;

-- name: CreatePictureRendition :exec
INSERT INTO picture_renditions (picture_id, width, height, content_type, hash, data)
VALUES (sqlc.arg(picture_id), sqlc.arg(width), sqlc.arg(height), sqlc.arg(content_type), sqlc.arg(hash), sqlc.arg(data));

-- name: DeleteCompanyLogo :exec
DELETE FROM pictures WHERE company_id = sqlc.arg(company_id) AND product_id IS NULL;

-- name: DeleteProductPicture :execrows
DELETE FROM pictures WHERE id = sqlc.arg(id) AND product_id = sqlc.arg(product_id) AND company_id = sqlc.arg(company_id);

-- name: GetRendition :one
-- A rendition by its address.
SELECT content_type, data FROM picture_renditions WHERE hash = sqlc.arg(hash) LIMIT 1;

-- name: ListPictureRenditions :many
-- The renditions (without their bytes) of the given products' pictures and of the given
-- companies' logos, by picture and width: what pages need to write img and srcset.
SELECT p.id AS picture_id, p.company_id, p.product_id, p.position, r.width, r.height, r.hash, r.content_type
FROM pictures p
JOIN picture_renditions r ON r.picture_id = p.id
WHERE p.product_id = ANY (sqlc.arg(product_ids)::bigint[])
   OR (p.product_id IS NULL AND p.company_id = ANY (sqlc.arg(company_ids)::bigint[]))
ORDER BY p.product_id NULLS FIRST, p.position, p.id, r.width;

-- name: DeleteDemoPictures :exec
-- Used by the demo seed: every picture of a demo company, logo included.
DELETE FROM pictures WHERE company_id = sqlc.arg(company_id);
