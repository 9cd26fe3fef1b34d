package staff

import (
	"errors"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"partnerportal/views"
	"partnerportal/web/jobs"
	"partnerportal/web/ui"
)

// jobStates are the states the jobs page lists, in its order: what is stuck or failing first.
var jobStates = []struct {
	state rivertype.JobState
	label string
}{
	{rivertype.JobStateRetryable, "Retrying"},
	{rivertype.JobStateDiscarded, "Failed"},
	{rivertype.JobStateRunning, "Running"},
	{rivertype.JobStateAvailable, "Queued"},
	{rivertype.JobStateScheduled, "Scheduled"},
	{rivertype.JobStateCancelled, "Cancelled"},
}

// jobsPerState is how many jobs of each state the page lists, newest first.
const jobsPerState = 50

// HandleJobs lists the background jobs that are waiting, running, retrying or failed, with
// their errors; each can be retried or cancelled.
func HandleJobs(jq *jobs.Queue) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		page := views.JobsPage{CSRF: ui.CSRFToken(c)}
		loc := ui.When(c).Loc
		states := make([]rivertype.JobState, len(jobStates))
		for i, s := range jobStates {
			states[i] = s.state
		}
		list, err := jq.Newest(ctx, states, jobsPerState)
		if err != nil {
			return err
		}
		for _, s := range jobStates {
			group := views.JobGroup{State: string(s.state), Label: s.label}
			for _, j := range list {
				if j.State == s.state {
					group.Jobs = append(group.Jobs, jobRow(j, loc))
				}
			}
			page.Groups = append(page.Groups, group)
		}
		return ui.OK(c, "Jobs", views.JobsView(page))
	}
}

// jobRow is a job as the page lists it.
func jobRow(j *rivertype.JobRow, loc *time.Location) views.JobRow {
	r := views.JobRow{ID: j.ID, Kind: j.Kind, Args: string(j.EncodedArgs),
		Attempts: ui.Itoa(int64(j.Attempt)) + " of " + ui.Itoa(int64(j.MaxAttempts)),
		Created:  j.CreatedAt.In(loc).Format(jobTime), Scheduled: j.ScheduledAt.In(loc).Format(jobTime),
		CanRetry:  j.State != rivertype.JobStateRunning && j.State != rivertype.JobStateAvailable,
		CanCancel: j.State != rivertype.JobStateCancelled && j.State != rivertype.JobStateDiscarded && j.State != rivertype.JobStateCompleted,
	}
	if !r.CanCancel {
		// a finished job runs at no time: the time it was due would read as a promise
		r.Scheduled = ""
	}
	if n := len(j.Errors); n > 0 {
		e := j.Errors[n-1]
		r.Error = "Attempt " + ui.Itoa(int64(e.Attempt)) + ": " + strings.TrimSpace(e.Error)
	}
	return r
}

// HandleJobAction retries or cancels one job, then shows the list again.
func HandleJobAction(jq *jobs.Queue, retry bool) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := ui.PathID(c, "jid")
		if err != nil {
			return err
		}
		ctx := c.Request().Context()
		msg := "Job " + ui.Itoa(id) + " will run again shortly."
		if retry {
			_, err = jq.River().JobRetry(ctx, id)
		} else {
			msg = "Job " + ui.Itoa(id) + " is cancelled."
			_, err = jq.River().JobCancel(ctx, id)
		}
		if errors.Is(err, river.ErrNotFound) {
			return echo.ErrNotFound
		}
		if err != nil {
			return err
		}
		return ui.FlashRedirect(c, "success", msg, "/admin/jobs")
	}
}

// jobTime is how the page writes a job's times.
const jobTime = "2 Jan 15:04:05"
