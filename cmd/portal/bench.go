package main

import (
	"context"
	"flag"
	"io"

	"partnerportal/web/bench"
)

// benchmark runs `portal bench`: the table of make bench.
func benchmark(ctx context.Context, cfg config, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	o := bench.Options{}
	fs.Float64Var(&o.Scale, "scale", 0, "load the scale data set of this size beside the demo (1: 2,000 companies)")
	fs.IntVar(&o.Rounds, "rounds", 3, "times each target is loaded, all targets in turn")
	fs.DurationVar(&o.Slice, "slice", 0, "how long each target is loaded per round (default 2s)")
	fs.IntVar(&o.Conns, "conns", 32, "concurrent connections")
	fs.StringVar(&o.Only, "only", "", "load only the targets whose name contains this (and the references)")
	fs.StringVar(&o.CPUProfile, "cpuprofile", "", "write a CPU profile of the loaded server to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := cfg.requireDatabase(); err != nil {
		return err
	}
	o.DatabaseURL = cfg.DatabaseURL
	return bench.Run(ctx, o, stdout)
}
