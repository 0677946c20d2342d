#!/usr/bin/env bash
# Opens the published robustness.html (../reports) in headless Chromium as a reviewer would and
# checks what it must show: the verdict banner, one Dice chart per model/data set with at least one
# gate line, the table rows, and that every image (charts, worst samples) loaded, none broken.
# Saves screenshots to target/dashboard-screenshots/ (top of the page, worst samples).
# Needs Debian's chromium (apt-get install -y chromium) and python3, so it is not part of mvn verify
# (RobustnessDashboardTest checks the same page structure there with an HTML parser). Run after
#   mvn -B verify -pl sample-project -am -Pskip-framework-tests
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
page="${1:-$here/../reports/robustness.html}"
out="$here/target/dashboard-screenshots"
port="${PORT:-8766}"
mkdir -p "$out"
[ -f "$page" ] || { echo "no dashboard at $page: run the main command first" >&2; exit 1; }
command -v chromium >/dev/null || { echo "chromium is not installed (apt-get install -y chromium)" >&2; exit 1; }

# The page is self-contained; the checker page beside it reads its DOM through a same-origin iframe.
site="$(mktemp -d)"
cp "$page" "$site/robustness.html"
# The gallery alone, for its screenshot (a #fragment is not scrolled to in a headless screenshot).
sed 's|</head>|<style>main > section:not(#worst-samples) { display: none; }</style></head>|' "$page" > "$site/gallery.html"
cat > "$site/check.html" <<'HTML'
<!DOCTYPE html><html><body><pre id="result">pending</pre>
<iframe id="page" src="robustness.html" style="width:1400px;height:900px"></iframe>
<script>
document.getElementById('page').addEventListener('load', () => {
  const d = document.getElementById('page').contentDocument;
  const images = [...d.images];
  const broken = images.filter(i => !(i.complete && i.naturalWidth > 0));
  const lines = [
    'banner: ' + d.getElementById('verdict-banner').textContent.trim(),
    'data sets: ' + d.querySelectorAll('section.data-set').length,
    'dice charts: ' + d.querySelectorAll('figure.chart[data-score=Dice]').length,
    'dice charts with a gate line: ' + [...d.querySelectorAll('figure.chart[data-score=Dice]')]
        .filter(f => Number(f.dataset.gateLines) > 0 && f.querySelectorAll('li.gate-line').length > 0).length,
    'table rows: ' + d.querySelectorAll('#results-table tbody tr.result').length,
    'worst-sample figures: ' + d.querySelectorAll('figure.worst').length,
    'images: ' + images.length,
    'broken images: ' + broken.length,
    'external resources: ' + d.querySelectorAll('link[href], script[src], iframe').length,
  ];
  document.getElementById('result').textContent = lines.join('\n');
});
</script></body></html>
HTML
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" >/dev/null 2>&1 &
server=$!
trap 'kill $server; rm -rf "$site"' EXIT
sleep 1

chrome() {
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d)" --virtual-time-budget=15000 "$@" 2>/dev/null
}
url="http://127.0.0.1:$port"
report=$(chrome --dump-dom "$url/check.html" | python3 -c 'import sys,re,html; m=re.search(r"<pre id=\"result\">(.*?)</pre>", sys.stdin.read(), re.S); print(html.unescape(m.group(1)) if m else "no result")')
echo "$report"
value() { sed -n "s/^$1: //p" <<<"$report"; }
fail() { echo "dashboard check FAILED: $1" >&2; exit 1; }
[[ "$(value banner)" =~ ^(Release\ gate\ (PASSED|FAILED)|No\ gate\ configured) ]] || fail "no verdict banner"
[ "$(value 'dice charts')" -ge 1 ] || fail "no Dice chart"
[ "$(value 'dice charts')" = "$(value 'data sets')" ] || fail "not one Dice chart per model and data set"
[ "$(value 'dice charts with a gate line')" = "$(value 'dice charts')" ] || fail "a Dice chart has no gate line"
[ "$(value 'table rows')" -ge 1 ] || fail "the table has no rows"
[ "$(value 'worst-sample figures')" -ge 1 ] || fail "no worst-sample pictures"
[ "$(value 'broken images')" = 0 ] || fail "broken images"
[ "$(value 'external resources')" = 0 ] || fail "the page loads other files"

chrome --window-size=1400,1700 --hide-scrollbars --screenshot="$out/dashboard-top.png" "$url/robustness.html"
chrome --window-size=1400,1300 --hide-scrollbars --screenshot="$out/dashboard-worst-samples.png" "$url/gallery.html"
echo "dashboard OK; screenshots: $out/dashboard-top.png, $out/dashboard-worst-samples.png"
