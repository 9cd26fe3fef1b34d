# Partner Portal. `make run` serves the demo; `make test` runs every check and test.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := build

BIN := bin/portal
GO_SOURCES := $(shell find cmd web views static db -name '*.go' -not -path '*/node_modules/*' 2>/dev/null)
EMBEDDED := $(shell find static/css static/img static/js db/migrations -type f 2>/dev/null)

# SCALE=1 runs make bench on the scale data set.
SCALE ?=

.PHONY: build run test bench check generate assets db-start db-stop db-url chromium java node clean

## build: the one binary, assets embedded
build: $(BIN)

$(BIN): assets $(GO_SOURCES) $(EMBEDDED) go.mod go.sum
	go build -trimpath -o $(BIN) ./cmd/portal

## run: a local database, the demo data (made once, placed around the real today), and the portal
## on http://127.0.0.1:8080. PORTAL_CLOCK_OFFSET=+40d make run shows the demo 40 days on.
run: build
	@url=$$(db/cluster.sh url); \
	DATABASE_URL="$$url" $(BIN) migrate; \
	DATABASE_URL="$$url" PORTAL_CLOCK_OFFSET= $(BIN) seed --demo --once; \
	echo "Open http://$${PORTAL_ADDR:-127.0.0.1:8080} and sign in with a demo account above."; \
	DATABASE_URL="$$url" PORTAL_COOKIE_SECURE=$${PORTAL_COOKIE_SECURE:-false} exec $(BIN) serve

## test: every check, then all tests (database, browser and HTML validity tests included) with
## the race detector
test: check chromium java
	@url=$$(db/cluster.sh url); \
	DATABASE_URL="$$url" go test -race -count=1 -timeout 9m ./...

## bench: a reference page (one query, a template) and the real pages, loaded in turn from a
## database of the benchmark's own; prints req/s, p50, p99, round trips and the ratios.
## SCALE=1 adds the scale data set (2,000 companies, 50,000 listings).
bench: build
	@url=$$(db/cluster.sh url); \
	DATABASE_URL="$$url" $(BIN) bench $(if $(SCALE),--scale $(SCALE))

## check: formatting, vet, and generated code that matches its sources
check: assets
	@out=$$(gofmt -l cmd web views static/*.go db); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	go vet ./...
	go tool templ fmt -fail views
	@before=$$(find views -name '*_templ.go' | sort | xargs -r sha256sum); \
	go tool templ generate -path views >/dev/null 2>&1; \
	after=$$(find views -name '*_templ.go' | sort | xargs -r sha256sum); \
	if [ "$$before" != "$$after" ]; then echo "templ output is stale: run make generate and commit"; exit 1; fi
	go tool sqlc diff
	@if [ -n "$$(git status --porcelain -- views db 2>/dev/null | grep -E '_templ\.go|\.sql\.go|models\.go|db\.go' | grep '^??' || true)" ]; then \
		echo "generated files are not committed:"; git status --porcelain -- views db; exit 1; fi

## generate: templ components and sqlc queries
generate:
	go tool templ generate -path views
	go tool sqlc generate

## assets: front-end packages from static/package.json (htmx; axe-core for browser tests, and
## vnu-jar, the Nu HTML checker, for the HTML validity test)
assets: static/dist/htmx.min.js

static/dist/htmx.min.js: static/package.json static/package-lock.json | node
	cd static && npm ci --no-audit --no-fund --loglevel=error
	mkdir -p static/dist
	cp static/node_modules/htmx.org/dist/htmx.min.js static/dist/htmx.min.js

node:
	@if ! command -v npm >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "installing Node.js and npm (Debian packages)"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm; \
		else echo "npm is missing: install Node.js 20 and npm (e.g. sudo apt-get install -y nodejs npm)"; exit 1; fi; \
	fi

## chromium: the browser the end-to-end tests drive
chromium:
	@if ! command -v chromium >/dev/null 2>&1 && [ -z "$${CHROMIUM_PATH:-}" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "installing Chromium (Debian package)"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-liberation; \
		else echo "chromium is missing: install it (e.g. sudo apt-get install -y chromium) or set CHROMIUM_PATH"; exit 1; fi; \
	fi

## java: Java 17, which runs the Nu HTML checker (vnu.jar) of the HTML validity test. Debian's
## slim images lack the man folder the package's install script links into.
java:
	@if ! command -v java >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "installing Java 17 (Debian package)"; \
			mkdir -p /usr/share/man/man1; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless; \
		else echo "java is missing: install Java 17 (e.g. sudo apt-get install -y openjdk-17-jre-headless)"; exit 1; fi; \
	fi

db-start:
	@db/cluster.sh start

db-stop:
	@db/cluster.sh stop

## db-url: print the database URL make run and make test use
db-url:
	@db/cluster.sh url

clean:
	rm -rf bin static/dist
