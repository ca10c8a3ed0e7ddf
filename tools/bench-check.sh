#!/usr/bin/env bash
# bench-check.sh: how fast `vanban check` goes through a large folder of documents.
# A benchmark, not a test: it fails only when vanban cannot be run at all.
#
# Usage: tools/bench-check.sh [-n N] [-s SEED] [-k] [VANBAN]
#   -n N      how many documents to generate (default 5000)
#   -s SEED   seed of the generator (default 1), so that runs can be compared
#   -k        keep the generated folder (its path is printed) instead of deleting it
#   VANBAN    the binary to measure (default: $VANBAN, else build/vanban)
#
# It writes N documents into a temporary folder by templating the samples in inputs/ and
# docs/examples/: each copy gets another number, a date moved forward by 0-365 days (task
# deadlines moved with it, so they stay after the date), another province and district,
# and about 1 in 50 is broken on purpose (no trích yếu, a wrong ký hiệu, no Lưu line, a
# lower-case place, a date that does not exist) so that the error paths are measured too.
# Then it runs `vanban check DIR` (and `--format json`) three times and keeps the fastest
# run, and `vanban render -f txt` over the same files for comparison; hyperfine is used for
# the times when it is installed, /usr/bin/time -f '%e %M' otherwise (and always for the
# peak RSS). It prints:
#
#   command                         files   seconds   files/s   peak RSS MiB
#   vanban check DIR                 5000     ...
#   vanban check --format json DIR   5000     ...
#   vanban render -f txt FILE...     5000     ...
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PY=/usr/bin/python3
N=5000
SEED=1
KEEP=0
while getopts "n:s:kh" opt; do
    case $opt in
    n) N=$OPTARG ;;
    s) SEED=$OPTARG ;;
    k) KEEP=1 ;;
    h) sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: $0 [-n N] [-s SEED] [-k] [VANBAN]" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
VANBAN=${1:-${VANBAN:-$ROOT/build/vanban}}
case $N in '' | *[!0-9]*) echo "bench-check: -n takes a number, not '$N'" >&2; exit 2 ;; esac
[ -x "$VANBAN" ] || { echo "bench-check: no vanban binary at $VANBAN (ninja -C build)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench-check: /usr/bin/time is needed (apt-get install time)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/vanban-bench.XXXXXX")
if [ "$KEEP" -eq 1 ]; then
    echo "bench-check: keeping $work"
else
    trap 'rm -rf "$work"' EXIT
fi
docs=$work/docs
mkdir -p "$docs"

# ---- generate ----
"$PY" - "$ROOT" "$docs" "$N" "$SEED" <<'PY' || exit 2
import datetime, glob, os, random, re, sys

root, out, n, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rng = random.Random(seed)
samples = sorted(glob.glob(os.path.join(root, 'inputs', '*.yaml')) +
                 glob.glob(os.path.join(root, 'docs', 'examples', '*.yaml')))
samples = [(os.path.basename(p)[:-5], open(p, encoding='utf-8').read()) for p in samples]
if not samples:
    sys.exit('bench-check: no samples in inputs/ or docs/examples/')

# (province, a district of it): the samples' own names are swapped for these.
places = [('Bắc Ninh', 'Quế Võ'), ('Thái Nguyên', 'Đại Từ'), ('Phú Thọ', 'Lâm Thao'),
          ('Hà Giang', 'Bắc Quang'), ('Lào Cai', 'Bảo Thắng'), ('Yên Bái', 'Văn Chấn'),
          ('Nam Định', 'Hải Hậu'), ('Thanh Hóa', 'Hoằng Hóa'), ('Nghệ An', 'Diễn Châu'),
          ('Quảng Nam', 'Điện Bàn'), ('Đắk Lắk', 'Krông Pắc'), ('Cần Thơ', 'Phong Điền'),
          ('Bắc Giang', 'Lạng Giang'), ('Tuyên Quang', 'Sơn Dương')]
own = [('Bắc Giang', 'Lạng Giang'), ('Tuyên Quang', 'Sơn Dương')]


def move_date(m, days):
    d = datetime.date(int(m[2]), int(m[3]), int(m[4])) + datetime.timedelta(days=days)
    return '%s%s' % (m[1], d.isoformat())


breakages = [
    ('no trích yếu', lambda t: re.sub(r'(?m)^trich_yeu:.*\n', '', t, count=1)),
    ('wrong ký hiệu', lambda t: re.sub(r'(?m)^ky_hieu: .*', 'ky_hieu: XX-UBND', t, count=1)),
    ('no Lưu line', lambda t: re.sub(r'(?m)^(  - "?Lưu[^\n]*\n)', '', t, count=1)),
    ('lower-case place', lambda t: re.sub(r'(?m)^dia_danh: (\w)', lambda m: 'dia_danh: ' + m[1].lower(), t, count=1)),
    ('no such date', lambda t: re.sub(r'(?m)^ngay: \d{4}-\d{2}(-\d{2})?', 'ngay: 2023-02-30', t, count=1)),
]
broken = 0
for i in range(n):
    name, text = samples[i % len(samples)]
    province, district = places[rng.randrange(len(places))]
    for old_p, old_d in own:
        text = text.replace(old_p.upper(), province.upper()).replace(old_p, province)
        text = text.replace(old_d.upper(), district.upper()).replace(old_d, district)
    text = re.sub(r'(?m)^so: \d+', 'so: %d' % rng.randint(1, 999), text, count=1)
    days = rng.randint(0, 365)
    text = re.sub(r'(?m)^(ngay: |\s+han: )(\d{4})-(\d{2})-(\d{2})\b', lambda m: move_date(m, days), text)
    if rng.random() < 0.02:
        _, fn = breakages[rng.randrange(len(breakages))]
        text = fn(text)
        broken += 1
    sub = os.path.join(out, '%02d' % (i // 500))  # folders of 500, as an archive would be
    os.makedirs(sub, exist_ok=True)
    with open(os.path.join(sub, '%05d-%s.yaml' % (i, name)), 'w', encoding='utf-8') as f:
        f.write(text)
print('bench-check: %d documents from %d samples (%d broken on purpose) in %s' % (n, len(samples), broken, out))
PY

# ---- measure ----
# best_of3 LABEL FILES COMMAND...: the fastest of three runs (hyperfine's when installed) and
# the largest peak RSS (/usr/bin/time), as one row of the table.
rows=()
best_of3() {
    local label=$1 files=$2 best="" rss=0 t m i
    shift 2
    if command -v hyperfine >/dev/null 2>&1 &&
        hyperfine --runs 3 --warmup 1 --ignore-failure --export-json "$work/hf.json" -- "$(printf '%q ' "$@")" >/dev/null 2>&1; then
        best=$("$PY" -c 'import json,sys; print(min(json.load(open(sys.argv[1]))["results"][0]["times"]))' "$work/hf.json")
    fi
    for i in 1 2 3; do
        /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>"$work/stderr"
        # GNU time writes "Command exited with non-zero status N" first when it does.
        read -r t m < <(tail -n 1 "$work/time")
        case $m in '' | *[!0-9]*) echo "bench-check: could not time: $*" >&2; cat "$work/stderr" >&2; exit 2 ;; esac
        if ! command -v hyperfine >/dev/null 2>&1 || [ -z "$best" ]; then
            if [ "$i" -eq 1 ] || "$PY" -c 'import sys; sys.exit(not float(sys.argv[1]) < float(sys.argv[2]))' "$t" "$best"; then
                best=$t
            fi
        fi
        [ "$m" -gt "$rss" ] && rss=$m
        command -v hyperfine >/dev/null 2>&1 && break # hyperfine has the times; one run for the RSS
    done
    rows+=("$("$PY" -c 'import sys
label, files, secs, kib = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
print("%-34s %6d %9.3f %9.0f %14.1f" % (label, files, secs, files / secs if secs > 0 else float("inf"), kib / 1024))' \
        "$label" "$files" "$best" "$rss")")
}

files=$(find "$docs" -name '*.yaml' | wc -l)
"$VANBAN" check --lang en "$docs" >"$work/check.txt" 2>&1
status=$?
if [ $status -ge 2 ]; then
    echo "bench-check: vanban check failed (exit $status):" >&2
    tail -n 5 "$work/check.txt" >&2
    exit 2
fi
echo "bench-check: $(tail -n 1 "$work/check.txt") (exit $status)"
echo "bench-check: rules reported: $(grep -o '\[[A-Z0-9-]*\]$' "$work/check.txt" | sort | uniq -c | sort -rn | awk '{printf "%s %s, ", $2, $1}' | sed 's/, $//')"

best_of3 "vanban check DIR" "$files" "$VANBAN" check --lang en "$docs"
best_of3 "vanban check --format json DIR" "$files" "$VANBAN" check --lang en --format json "$docs"
find "$docs" -name '*.yaml' | sort >"$work/list"
# render writes FILE.txt beside each FILE; the broken documents are refused (exit 1).
printf 'xargs -d "\\n" %q render --lang en -f txt <%q\n' "$VANBAN" "$work/list" >"$work/render.sh"
best_of3 "vanban render -f txt FILE..." "$files" bash "$work/render.sh"
echo
echo "vanban: $VANBAN ($("$VANBAN" --version 2>/dev/null)); $(nproc) CPU(s); best of 3 runs"
printf '%-34s %6s %9s %9s %14s\n' "command" "files" "seconds" "files/s" "peak RSS MiB"
printf '%s\n' "${rows[@]}"
