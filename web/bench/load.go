package bench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"time"
)

// request makes one request of a target; each worker builds its own, as a body can be read once.
type request func() (*http.Request, error)

// sample is what one run of a target measured.
type sample struct {
	requests  int
	elapsed   time.Duration
	latencies []time.Duration
	failures  int
	// firstFailure says what went wrong first: the status and the start of the answer.
	firstFailure string
}

// load sends requests from conns workers, each on its own keep-alive connection, for d. A
// request counts as a failure unless the answer is want; redirects are not followed, so a lost
// session shows as failures rather than as a fast sign-in page.
func load(ctx context.Context, client *http.Client, conns int, d time.Duration, want int, mk request) sample {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var (
		mu  sync.Mutex
		all sample
		wg  sync.WaitGroup
	)
	start := time.Now()
	for range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine sample
			mine.latencies = make([]time.Duration, 0, 4096)
			for ctx.Err() == nil {
				req, err := mk()
				if err != nil {
					mine.fail(err.Error())
					continue
				}
				t0 := time.Now()
				resp, err := client.Do(req.WithContext(ctx))
				if err != nil {
					if ctx.Err() == nil {
						mine.fail(err.Error())
					}
					continue
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if ctx.Err() != nil && err != nil {
					break // cut off by the end of the run: not counted
				}
				mine.latencies = append(mine.latencies, time.Since(t0))
				mine.requests++
				if resp.StatusCode != want {
					mine.fail(fmt.Sprintf("%s %s: %d %.120q", req.Method, req.URL.RequestURI(), resp.StatusCode, body))
				}
			}
			mu.Lock()
			all.add(mine)
			mu.Unlock()
		}()
	}
	wg.Wait()
	all.elapsed = time.Since(start)
	return all
}

func (s *sample) fail(why string) {
	if s.failures == 0 {
		s.firstFailure = why
	}
	s.failures++
}

func (s *sample) add(o sample) {
	s.requests += o.requests
	s.elapsed += o.elapsed
	s.latencies = append(s.latencies, o.latencies...)
	if s.failures == 0 && o.failures > 0 {
		s.firstFailure = o.firstFailure
	}
	s.failures += o.failures
}

// rate is requests per second.
func (s sample) rate() float64 {
	if s.elapsed <= 0 {
		return 0
	}
	return float64(s.requests) / s.elapsed.Seconds()
}

// percentile is the latency below which p of the requests finished (p in 0..1).
func (s sample) percentile(p float64) time.Duration {
	if len(s.latencies) == 0 {
		return 0
	}
	l := slices.Clone(s.latencies)
	slices.Sort(l)
	i := int(p*float64(len(l))+0.5) - 1
	return l[max(0, min(i, len(l)-1))]
}
