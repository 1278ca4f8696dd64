#!/usr/bin/env bash
# Grade a folder of submissions with axone-grade, the way CI does it (also fine on a laptop).
#
#   grader/ci/grade.sh SOURCE.ipynb SUBMISSIONS_DIR [REPORTS_DIR]
#
# SUBMISSIONS_DIR holds <student>.ipynb files or <student>/<name of SOURCE>.ipynb folders.
# Writes REPORTS_DIR (default: reports/) with gradebook.csv, junit.xml, results.json, the executed
# notebooks and one feedback HTML page per student. Environment: CELL_TIMEOUT (seconds, default 30),
# MIN_SCORE (fail the job when a student scores below it; unset by default).
# Needs the Axone kernelspec installed (`npm start` or `npm test` installs it) and Debian's
# python3-nbclient and jupyter-nbconvert for /usr/bin/python3.
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 SOURCE.ipynb SUBMISSIONS_DIR [REPORTS_DIR]" >&2
  exit 2
fi
SOURCE=$1
SUBMISSIONS=$2
REPORTS=${3:-reports}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
GRADE="node $ROOT/grader/axone-grade.mjs"

args=(autograde "$SUBMISSIONS" --source "$SOURCE" --out "$REPORTS" --cell-timeout "${CELL_TIMEOUT:-30}")
if [ -n "${MIN_SCORE:-}" ]; then args+=(--min-score "$MIN_SCORE"); fi

status=0
$GRADE "${args[@]}" || status=$?
# Feedback pages even when some submission failed, so the reports always say why.
if [ -f "$REPORTS/results.json" ]; then $GRADE feedback --out "$REPORTS" || { [ "$status" -ne 0 ] || status=1; }; fi
echo "gradebook: $REPORTS/gradebook.csv  junit: $REPORTS/junit.xml  feedback: $REPORTS/feedback/"
exit $status
