#!/bin/bash
# Benchmark (not a test): how fast `vanban normalize` fixes the text of a large document.
# Builds a YAML document of about SIZE MB (default 10) whose paragraphs are the sample
# documents' text with the usual defects planted in (modern tone marks in a traditional
# document, NFD letters, double spaces, straight quotes, "..."), then times
#   vanban normalize -o OUT   (fix and write)   and   vanban check   (report only)
# best of 3, with peak memory. Needs only bash, coreutils and GNU time (or bash's time).
#   tools/bench-normalize.sh [SIZE_MB] [VANBAN]
set -eu
size_mb=${1:-10}
vanban=${2:-build/vanban}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Paragraph text from the samples: every indented "- " line of the bodies.
grep -h '^ *- [^:]*$' "$root"/inputs/*.yaml | sed 's/^ *- //; s/^"//; s/"$//' | grep -v '^$' > "$tmp/lines"
nfd=$(printf 'ho\xcc\x80a')
{
  printf 'the_thuc: nha_nuoc\nloai: BC\nco_quan: [SỞ THÔNG TIN VÀ TRUYỀN THÔNG]\nso: 1\nky_hieu: BC-STTTT\n'
  printf 'dia_danh: Bắc Giang\nngay: 2024-06-30\ntrich_yeu: Báo cáo thử hiệu năng\nnoi_dung:\n'
  target=$((size_mb * 1024 * 1024))
  written=0 n=0
  while [ "$written" -lt "$target" ]; do
    while IFS= read -r line; do
      n=$((n + 1))
      case $((n % 5)) in
        0) line="$line Tỉnh uỷ  và \"Sở\" thuỷ lợi..." ;;
        1) line="$line xã $nfd bình." ;;
      esac
      printf '  - |\n    %s\n' "$line"
      written=$((written + ${#line} + 10))
      [ "$written" -ge "$target" ] && break
    done < "$tmp/lines"
  done
  printf 'noi_nhan: ["Lưu: VT"]\nky: {quyen_han: GIÁM ĐỐC, ho_ten: Nguyễn Văn A}\n'
} > "$tmp/big.yaml"
bytes=$(stat -c %s "$tmp/big.yaml")

measure() { # label, command...
  local label=$1; shift
  local best="" rss=""
  for _ in 1 2 3; do
    if [ -x /usr/bin/time ]; then
      /usr/bin/time -q -f '%e %M' -o "$tmp/t" "$@" >/dev/null 2>&1 || true
      read -r secs kb < "$tmp/t"
    else
      local start end
      start=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; end=$(date +%s.%N)
      secs=$(echo "$end - $start" | bc); kb=0
    fi
    if [ -z "$best" ] || [ "$(echo "$secs < $best" | bc)" = 1 ]; then best=$secs; rss=$kb; fi
  done
  printf '%-28s %8.2f s %9.1f MB/s %8.0f MiB\n' "$label" "$best" \
    "$(echo "$bytes / 1048576 / ($best + 0.0001)" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
}

printf 'input: %s (%.1f MB)\n\n' "$tmp/big.yaml" "$(echo "$bytes / 1048576" | bc -l)"
printf '%-28s %10s %14s %12s\n' command time throughput "peak RSS"
measure "normalize (fix, write)" "$vanban" normalize -o "$tmp/out.yaml" "$tmp/big.yaml"
measure "normalize --check" "$vanban" normalize --check "$tmp/big.yaml"
measure "check (all rules)" "$vanban" check "$tmp/big.yaml"
