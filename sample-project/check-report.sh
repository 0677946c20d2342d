#!/usr/bin/env bash
# Opens the published Allure report (../reports) in headless Chromium and checks that the PGD
# invocation of FetalHeadRobustnessTest shows with its worst-sample picture attachments, that the
# overview shows Environment (model, versions) and Executor, and that the summary attachment is an
# HTML table; saves screenshots of the overview, of that test and of its summary attachment to
# target/report-screenshots/.
# Needs Debian's chromium (apt-get install -y chromium) and python3; run after
#   mvn -B verify -pl sample-project -am -Pskip-framework-tests
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
report="$here/../reports"
out="$here/target/report-screenshots"
port="${PORT:-8765}"
mkdir -p "$out"
[ -f "$report/index.html" ] || { echo "no report at $report/index.html: run the main command first" >&2; exit 1; }

# The folder form of an Allure report loads its data with fetch(), so it is served over HTTP.
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$report" >/dev/null 2>&1 &
server=$!
trap 'kill $server' EXIT
sleep 1

ids=$(python3 - "$report" <<'PY'
import glob, json, sys
for f in glob.glob(sys.argv[1] + "/data/test-cases/*.json"):
    case = json.load(open(f))
    if "fetalHeadSurvivesAttacks" in case["name"] and "PGD eps=2/255" in case["name"]:
        summary = [a for step in [case.get("testStage", {})] for a in step.get("attachments", [])
                   if a["name"] == "summary" and a["type"] == "text/html"]
        print(case["uid"], summary[0]["uid"] if summary else "")
PY
)
read -r uid summary_uid <<<"$(head -n 1 <<<"$ids")"

[ -n "$uid" ] || { echo "the report has no PGD invocation of FetalHeadRobustnessTest" >&2; exit 1; }

chrome() {
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d)" --window-size=1400,1000 --virtual-time-budget=8000 "$@" 2>/dev/null
}
url="http://127.0.0.1:$port/index.html"
chrome --window-size=1400,1250 --screenshot="$out/overview.png" "$url"
chrome --screenshot="$out/pgd-test.png" "$url#testresult/$uid"
overview=$(chrome --dump-dom "$url")
grep -q "hc18-vlsm-adapter" <<<"$overview" || { echo "the overview's Environment does not name the model" >&2; exit 1; }
grep -q "DJL" <<<"$overview" || { echo "the overview's Environment has no DJL version" >&2; exit 1; }
grep -q "Maven (local build)\|GitHub Actions\|GitLab CI\|Jenkins" <<<"$overview" || { echo "the overview shows no executor" >&2; exit 1; }
[ -n "$summary_uid" ] || { echo "the PGD test has no HTML summary attachment" >&2; exit 1; }
chrome --screenshot="$out/pgd-summary.png" "$url#testresult/$uid?attachment=$summary_uid"
summary_file=$(python3 - "$report" "$summary_uid" <<'PY'
import glob, json, sys
for f in glob.glob(sys.argv[1] + "/data/test-cases/*.json"):
    for a in json.load(open(f)).get("testStage", {}).get("attachments", []):
        if a["uid"] == sys.argv[2]:
            print(a["source"])
PY
)
grep -q '<table class="summary">' "$report/data/attachments/$summary_file" || { echo "the summary attachment is not an HTML table" >&2; exit 1; }
dom=$(chrome --dump-dom "$url#testresult/$uid")
grep -q "PGD eps=2/255 steps=40" <<<"$dom" || { echo "test page does not show the PGD invocation" >&2; exit 1; }
pictures=$(grep -o 'worst #[0-9]: [^<]*' <<<"$dom" | sort -u)
[ -n "$pictures" ] || { echo "test page shows no worst-sample pictures" >&2; exit 1; }
grep -q 'data/attachments/[0-9a-f]*\.png' <<<"$dom" || { echo "no PNG attachment linked" >&2; exit 1; }
echo "report OK: PGD test $uid shows"
echo "$pictures"
echo "overview shows Environment and Executor; summary attachment is an HTML table"
echo "screenshots: $out/overview.png, $out/pgd-test.png, $out/pgd-summary.png"
