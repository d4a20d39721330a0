#!/usr/bin/env bash
# Folio's import and listing benchmarks (not tests: nothing here is registered with CTest).
# Usage: scripts/bench.sh [quick|full]
#   quick (default) — import 10,000 generated posts, then listing at 100,000 articles
#   full            — the same, plus an import of 100,000 posts (peak memory must not grow with N)
# Builds the bench targets in Release into build-bench (reusing an existing configure). Environment:
#   FOLIO_BENCH_BUILD_DIR (default <repo>/build-bench), FOLIO_BENCH_JOBS (default 2),
#   FOLIO_BENCH_REPEAT (listing runs per measurement, default 200), TMPDIR (scratch space, default /tmp).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${FOLIO_BENCH_BUILD_DIR:-$here/build-bench}"
jobs="${FOLIO_BENCH_JOBS:-2}"
repeat="${FOLIO_BENCH_REPEAT:-200}"
mode="${1:-quick}"
case "$mode" in
  quick | full) ;;
  *) echo "usage: $0 [quick|full]" >&2; exit 2 ;;
esac

# ---- build ------------------------------------------------------------------------------------------
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null || true)
if [ ! -f "$build/build.ninja" ] || [ "$build_type" != Release ]; then
  cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
cmake --build "$build" -j "$jobs" --target folio-bench-generate folio-bench-import folio-bench-listing \
  folio-bench-render folio-bench-typeset folio-bench-sync folio-bench-search folio
bin="$build/bench"

# ---- scratch space ----------------------------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/folio-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export LC_ALL=C.UTF-8

results="$work/results.txt"
: >"$results"

import_run() { # N label
  local n=$1 label=$2
  echo
  echo "== import: $label posts =========================================================="
  "$bin/folio-bench-generate" "$work/posts-$label" "$n" --seed 1
  "$bin/folio-bench-import" "$work/posts-$label" --db "$work/import-$label.db" | tee -a "$results"
  if [ "$label" = 10k ]; then
    echo
    echo "== render: Markdown → safe HTML against raw cmark-gfm, same posts ================"
    "$bin/folio-bench-render" "$work/posts-$label" --rounds 5 | tee -a "$results"
  fi
  rm -rf "$work/posts-$label" "$work/import-$label.db"*
}

import_run 10000 10k
if [ "$mode" = full ]; then
  import_run 100000 100k
fi

echo
echo "== listing: 100,000 articles ======================================================"
"$bin/folio-bench-listing" --articles 100000 --page-size 50 --repeat "$repeat" --db "$work/listing.db" |
  tee -a "$results"

echo
echo "== window on 100,000 articles: main-process peak memory ============================="
export QT_QPA_PLATFORM=offscreen
[ "$(id -u)" -eq 0 ] && export QTWEBENGINE_DISABLE_SANDBOX=1
FOLIO_REPORT_MEMORY=1 "$build/src/app/folio" --db "$work/listing.db" --screenshot "$work/window.png" --article 1 \
  2>&1 >/dev/null | grep '^RESULT' | tee -a "$results"

echo
echo "== sync: generated feeds served from another process on 127.0.0.1 ================="
for format in rss atom; do
  for items in 1000 10000; do
    "$bin/folio-bench-sync" --items "$items" --format "$format" --runs 3 --feeds 100 | tee -a "$results"
  done
done
if [ "$mode" = full ]; then
  "$bin/folio-bench-sync" --items 100000 --format rss --runs 1 --feeds 0 | tee -a "$results"
fi

echo
echo "== search: index and query generated articles ====================================="
sizes=1000,10000
[ "$mode" = full ] && sizes=1000,10000,100000
"$bin/folio-bench-search" --db "$work/search.db" --sizes "$sizes" | tee -a "$results"
rm -f "$work/search.db"*

echo
echo "== typeset: open article → KaTeX done, real web view ================================"
"$bin/folio-bench-typeset" --runs 15 2>/dev/null | grep -E "^(RESULT|sample|generated|fresh-page)" | tee -a "$results"

# ---- summary against the goals ----------------------------------------------------------------------
echo
echo "== summary (goals from the issue) ================================================="
awk '
  function field(name,   i, kv) {
    for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == name) return kv[2] }
    return ""
  }
  function verdict(ok) { return ok ? "met" : "NOT met" }
  /^RESULT import / {
    posts = field("posts"); rate = field("posts_per_s"); rss = field("peak_rss_mb")
    cpu = field("cpu_us_per_post")
    printf "import %6d posts: %6d posts/s wall (CPU %d us/post = %d posts per CPU-second), re-import %d posts/s, peak RSS %.1f MB\n",
      posts, rate, cpu, (cpu > 0 ? 1e6 / cpu : 0), field("reimport_posts_per_s"), rss
    if (posts == 10000) { rate10k = rate; rss10k = rss }
    if (posts == 100000) { rss100k = rss }
  }
  /^RESULT listing / {
    match($0, /filter="[^"]*"/); name = substr($0, RSTART + 8, RLENGTH - 9)
    p1 = field("p1_med"); deep = field("deep_med"); ratio = field("ratio")
    printf "listing %-18s page 1 %.3f ms (p95 %.3f), page %d %.3f ms (p95 %.3f), ratio %.2fx, index %.2f ms\n",
      name, p1, field("p1_p95"), field("deep_page"), deep, field("deep_p95"), ratio, field("index_med")
    if (!(p1 < 2 && deep < 2)) fast = fast " " name
    if (!(ratio <= 1.5)) flat = flat " " name
    listed = 1
  }
  /^RESULT render / {
    printf "render: raw cmark-gfm %.1f us/post, whole pipeline %.1f us/post, throughput ratio %.2f\n",
      field("raw_us"), field("pipeline_us"), field("throughput_ratio")
    renderRatio = field("throughput_ratio")
  }
  /^RESULT sync / {
    printf "sync %-4s %6d items: cold %.2f s (%d items/s), 304 re-sync %.1f ms, peak RSS %.1f MB; %d feeds all 304 in %.0f ms\n",
      field("format"), field("items"), field("cold_median_s"), field("items_per_s"), field("warm_median_s") * 1000,
      field("peak_rss_mb"), field("feeds"), field("all_304_s") * 1000
    if (field("items") == 10000 && field("format") == "rss") { syncRate = field("items_per_s"); syncRss = field("peak_rss_mb") }
    if (field("feeds") == 100) { all304 = field("all_304_s") }
  }
  /^RESULT window / { printf "window on %d articles: main-process peak RSS %.1f MB\n", field("articles"), field("peak_rss_mb") }
  /^RESULT typeset / {
    label = field("label"); med = field("median_ms")
    printf "typeset %-24s %4d formulas: median %.1f ms, p95 %.1f ms\n", label, field("formulas"), med, field("p95_ms")
    if (label ~ /^sample/ && med >= 150) slowSample = slowSample " " label
    if (label ~ /^generated:300/) { heavy = med }
  }
  END {
    print ""
    if (renderRatio != "") printf "goal: pipeline >= 0.7x raw cmark-gfm throughput ..... %s (%.2fx)\n", verdict(renderRatio >= 0.7), renderRatio
    if (heavy != "") {
      printf "goal: sample article typeset < 150 ms ............. %s%s\n", verdict(slowSample == ""), (slowSample == "" ? "" : " for:" slowSample)
      printf "goal: 300-formula article typeset < 1 s ........... %s (%.0f ms)\n", verdict(heavy < 1000), heavy
    }
    if (syncRate != "") {
      printf "goal: cold sync 10,000-item RSS >= 4,800 items/s (Newsboat 1x, stored + searchable) .. %s (%d items/s)\n", verdict(syncRate >= 4800), syncRate
      printf "goal: sync peak RSS < 150 MB .......................... %s (%.1f MB)\n", verdict(syncRss < 150), syncRss
      printf "goal: 304 re-sync of 100 feeds < 1 s ................... %s (%.0f ms)\n", verdict(all304 < 1), all304 * 1000
    }
    if (rate10k != "") printf "goal: import 10,000 posts >= 5,000 posts/s ........ %s (%d posts/s)\n", verdict(rate10k >= 5000), rate10k
    if (listed) {
      printf "goal: listing rows < 2 ms at page 1 and deep page .. %s%s\n", verdict(fast == ""), (fast == "" ? "" : " for:" fast)
      printf "goal: deep page within 1.5x of page 1 ............ %s%s\n", verdict(flat == ""), (flat == "" ? "" : " for:" flat)
    }
    if (rss100k != "") {
      printf "goal: import peak RSS < 100 MB at 100,000 posts .... %s (%.1f MB)\n", verdict(rss100k < 100), rss100k
      printf "goal: import peak RSS flat in N (10k -> 100k) ...... %s (%.1f -> %.1f MB, +%.1f MB; flat = under +10%%)\n",
        verdict(rss100k <= rss10k * 1.10), rss10k, rss100k, rss100k - rss10k
    } else {
      print "goal: import peak RSS at 100,000 posts ............. not measured (run: scripts/bench.sh full)"
    }
  }' "$results"
