package account

import (
	"strconv"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/ui"
)

// noticesPerPage is how many notices one page of /notifications lists.
const noticesPerPage = 25

// HandleNotifications lists the signed-in user's notices, newest first, unread ones marked.
func HandleNotifications(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		u := ui.UserFromContext(ctx)
		page := ui.PageNumber(c)
		var rows []db.ListNotificationsRow
		var total int64
		var b db.Batch
		db.Queue(&b, &rows, (*db.Queries).ListNotifications, db.ListNotificationsParams{
			UserID: u.ID, MaxRows: noticesPerPage, Skip: int32((page - 1) * noticesPerPage)})
		db.Queue(&b, &total, (*db.Queries).CountNotifications, u.ID)
		if err := b.Send(ctx, pool); err != nil {
			return err
		}
		v := views.NotificationsPage{CSRF: ui.CSRFToken(c), Unread: u.Unread, Total: int(total)}
		loc := ui.When(c).Loc
		for _, r := range rows {
			v.Items = append(v.Items, views.Notice{
				ID: r.ID, Title: r.Title, Body: r.Body, Link: r.Link, Unread: r.ReadAt == nil,
				When: ui.LongDate(r.CreatedAt.In(loc)) + ", " + r.CreatedAt.In(loc).Format("15:04"),
			})
		}
		v.Pages = ui.Paginate(page, noticesPerPage, int(total), len(rows), func(n int) string {
			return "/notifications?page=" + strconv.Itoa(n)
		})
		return ui.OK(c, "Notifications", views.NotificationsView(v))
	}
}

// HandleMarkNotificationRead marks one of the user's notices read and goes back to the list;
// another user's notice is not found.
func HandleMarkNotificationRead(pool *pgxpool.Pool) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		u := ui.UserFromContext(ctx)
		id, err := ui.PathID(c, "id")
		if err != nil {
			return err
		}
		n, err := q.MarkNotificationRead(ctx, db.MarkNotificationReadParams{ID: id, UserID: u.ID, Now: ui.When(c).Now})
		if err != nil {
			return err
		}
		if n == 0 {
			return echo.ErrNotFound
		}
		return ui.Redirect(c, backToNotices(c))
	}
}

// HandleMarkAllNotificationsRead marks every notice of the user read.
func HandleMarkAllNotificationsRead(pool *pgxpool.Pool) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		u := ui.UserFromContext(ctx)
		n, err := q.MarkAllNotificationsRead(ctx, db.MarkAllNotificationsReadParams{UserID: u.ID, Now: ui.When(c).Now})
		if err != nil {
			return err
		}
		msg := "All notifications are marked read."
		if n == 0 {
			msg = "There was nothing unread."
		}
		return ui.FlashRedirect(c, "success", msg, backToNotices(c))
	}
}

// backToNotices is the list page the form was sent from.
func backToNotices(c echo.Context) string {
	if p, err := strconv.Atoi(c.FormValue("page")); err == nil && p > 1 && p <= ui.MaxPage {
		return "/notifications?page=" + strconv.Itoa(p)
	}
	return "/notifications"
}
