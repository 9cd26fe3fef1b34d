package web_test

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// vnuCommand is the command that runs the Nu HTML checker: java with the vnu.jar that
// static/package.json installs. A missing one fails the test with what to install (make test
// installs both): a skipped check would let invalid pages through unnoticed.
func vnuCommand(t *testing.T) []string {
	t.Helper()
	java, err := exec.LookPath("java")
	if err != nil {
		t.Fatal("java is missing: the Nu HTML checker needs Java 17 (apt-get install openjdk-17-jre-headless, or run make test)")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	jar := filepath.Join(root, "static", "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	if _, err := os.Stat(jar); errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("the Nu HTML checker is missing (%s): run `make assets` to install the front-end packages", jar)
	}
	return []string{java, "-Xss8m", "-jar", jar}
}

// vnuMessage is one error the checker reported.
type vnuMessage struct {
	file, message, extract string
	line                   int
}

// runVNU checks the files (the keys of pages) in one run of the checker and returns its errors.
func runVNU(t *testing.T, command []string, pages map[string]string) []vnuMessage {
	t.Helper()
	files := make([]string, 0, len(pages))
	for f := range pages {
		files = append(files, f)
	}
	slices.Sort(files)
	cmd := exec.Command(command[0], append(append(command[1:], "--errors-only", "--format", "json"), files...)...)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("run the Nu HTML checker: %v", err)
	}
	// The checker writes its JSON report to stderr, and exits 1 when it found errors.
	var report struct {
		Messages []struct {
			Type, URL, Message, Extract string
			LastLine                    int
		}
	}
	if jerr := json.Unmarshal([]byte(stderr.String()+stdout.String()), &report); jerr != nil {
		t.Fatalf("the Nu HTML checker's report is not JSON (%v, exit %v):\n%s%s", jerr, err, stderr.String(), stdout.String())
	}
	var out []vnuMessage
	for _, m := range report.Messages {
		if m.Type != "error" && m.Type != "non-document-error" {
			continue
		}
		out = append(out, vnuMessage{file: strings.TrimPrefix(m.URL, "file:"), message: m.Message, extract: m.Extract, line: m.LastLine})
	}
	if err != nil && len(out) == 0 {
		t.Fatalf("the Nu HTML checker failed without a report of errors (%v):\n%s", err, stderr.String())
	}
	return out
}
