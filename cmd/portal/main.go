// Command portal runs the Partner Portal: `portal serve`, `portal migrate`, `portal seed --demo`.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "portal:", err)
		os.Exit(1)
	}
}

const usage = `usage: portal <command>

commands:
  serve          apply pending migrations and serve the portal on PORTAL_ADDR
  migrate        apply pending migrations
  seed --demo    create the demo accounts and data, or reset them (safe to run again);
                 with --once, leave a demo already there as it is
  bench          serve a reference page and the real pages from a database of its own
                 and print their throughput, latency and round trips side by side
                 (--scale N on the scale data set; --rounds, --slice, --conns)

Configuration comes from environment variables; see README.md.
`

// run is the whole program; main only wires it to the process.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("no command given")
	}
	cfg, err := loadConfig(getenv)
	if err != nil {
		return err
	}
	logger := newLogger(cfg, stderr)
	switch args[0] {
	case "serve":
		return serve(ctx, cfg, logger)
	case "migrate":
		return migrate(ctx, cfg, stdout)
	case "seed":
		return seedDemo(ctx, cfg, args[1:], stdout)
	case "bench":
		return benchmark(ctx, cfg, args[1:], stdout)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("unknown command %q", args[0])
	}
}
