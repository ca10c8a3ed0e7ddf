/* A look at a whole YAML source on a thread of its own (see source_scan.h). */
#include "source_scan.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "package/helper_thread.h"
#include "model/model.h"
#include "viet/text.h"
#include "viet/tone.h"

/* The scan goes slice by slice, each cut after a line break (no word and no NFC sequence
 * crosses one), publishing what it found after each: small enough that the reader soon
 * has the first, big enough that publishing costs nothing. */
#define SLICE_BYTES (16u * 1024u)

struct vb_source_scan {
    const char *data;
    size_t len;
    int tone_style;
    bool threaded, joined;
    pthread_t thread;
    atomic_bool stop;

    pthread_mutex_t lock;
    pthread_cond_t utf8_checked;
    /* Under `lock`: */
    bool utf8_known;
    long invalid;       /* offset of the first bad byte, or -1 */
    size_t chars_done;  /* characters [0, chars_done) are scanned */
    vb_spans changed;   /* in characters, in order, not touching */
};

static long first_invalid_byte(const char *data, size_t len)
{
    long bad = vb_utf8_invalid_offset(data, len);
    if (bad < 0) {
        const char *nul = memchr(data, '\0', len);
        if (nul)
            bad = (long)(nul - data);
    }
    return bad;
}

/* Characters in data[from, to): bytes that do not continue a character. */
static size_t count_chars(const char *data, size_t from, size_t to)
{
    size_t n = 0;
    for (size_t i = from; i < to; i++)
        n += ((unsigned char)data[i] & 0xC0) != 0x80;
    return n;
}

/* The changed stretches of one slice data[at, end): what styling changes, and every
 * backslash; in characters from `chars` (the character index of `at`), appended to the
 * scan's list. Returns the character index of `end`. */
static size_t scan_slice(vb_source_scan *s, vb_tone_cache *cache, size_t at, size_t end, size_t chars)
{
    vb_span *styled = NULL;
    size_t n_styled = vb_tone_changes(cache, s->data + at, end - at, (vb_tone_style)s->tone_style, &styled);
    vb_spans found = {0};
    size_t byte = at, ch = chars; /* a cursor: byte offset and its character index */
    size_t k = 0;
    const char *slash = memchr(s->data + at, '\\', end - at);
    for (;;) {
        /* The next stretch in byte order: a styled one or a backslash. */
        size_t from, to;
        size_t slash_at = slash ? (size_t)(slash - s->data) : end;
        if (k < n_styled && at + styled[k].start <= slash_at) {
            from = at + styled[k].start;
            to = at + styled[k].end;
            k++;
        } else if (slash) {
            from = slash_at;
            to = slash_at + 1;
            slash = memchr(s->data + to, '\\', end - to);
        } else {
            break;
        }
        if (to <= byte) /* inside the last stretch */
            continue;
        if (from < byte)
            from = byte;
        ch += count_chars(s->data, byte, from);
        size_t first = ch;
        ch += count_chars(s->data, from, to);
        byte = to;
        vb_spans_add(&found, first, ch);
    }
    ch += count_chars(s->data, byte, end);
    free(styled);

    pthread_mutex_lock(&s->lock);
    for (size_t i = 0; i < found.count; i++)
        vb_spans_add(&s->changed, found.items[i].start, found.items[i].end);
    s->chars_done = ch;
    pthread_mutex_unlock(&s->lock);
    free(found.items);
    return ch;
}

static void scan_tone_marks(vb_source_scan *s)
{
    size_t at = 0, chars = 0;
    if (s->len >= 3 && memcmp(s->data, "\xEF\xBB\xBF", 3) == 0)
        at = 3; /* libyaml does not count a byte order mark */
    vb_tone_cache *cache = vb_tone_cache_new();
    while (at < s->len && !atomic_load_explicit(&s->stop, memory_order_relaxed)) {
        size_t end = s->len;
        if (s->len - at > SLICE_BYTES) {
            const char *nl = memchr(s->data + at + SLICE_BYTES, '\n', s->len - at - SLICE_BYTES);
            if (nl)
                end = (size_t)(nl - s->data) + 1;
        }
        chars = scan_slice(s, cache, at, end, chars);
        at = end;
    }
    vb_tone_cache_free(cache);
}

static void *scan_thread(void *arg)
{
    vb_source_scan *s = arg;
    long bad = first_invalid_byte(s->data, s->len);
    pthread_mutex_lock(&s->lock);
    s->invalid = bad;
    s->utf8_known = true;
    pthread_cond_broadcast(&s->utf8_checked);
    pthread_mutex_unlock(&s->lock);
    if (bad < 0 && s->tone_style >= 0)
        scan_tone_marks(s);
    return NULL;
}

vb_source_scan *vb_source_scan_start(const char *data, size_t len, int tone_style, int threaded)
{
    vb_source_scan *s = vb_xcalloc(1, sizeof *s);
    s->data = data;
    s->len = len;
    s->tone_style = tone_style;
    atomic_init(&s->stop, false);
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->utf8_checked, NULL);
    if (threaded && vb_helper_thread_start(&s->thread, scan_thread, s) == 0) {
        s->threaded = true;
    } else {
        s->invalid = first_invalid_byte(data, len);
        s->utf8_known = true;
    }
    return s;
}

long vb_source_scan_invalid_utf8(vb_source_scan *s)
{
    pthread_mutex_lock(&s->lock);
    while (!s->utf8_known)
        pthread_cond_wait(&s->utf8_checked, &s->lock);
    long bad = s->invalid;
    pthread_mutex_unlock(&s->lock);
    return bad;
}

int vb_source_scan_unchanged(vb_source_scan *s, int tone_style, size_t first, size_t end)
{
    if (!s || !s->threaded || tone_style < 0 || tone_style != s->tone_style || first > end)
        return 0;
    pthread_mutex_lock(&s->lock);
    int unchanged = end <= s->chars_done;
    if (unchanged) {
        /* The first stretch that ends after `first`: it must start at or after `end`. */
        size_t lo = 0, hi = s->changed.count;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (s->changed.items[mid].end <= first)
                lo = mid + 1;
            else
                hi = mid;
        }
        unchanged = lo == s->changed.count || s->changed.items[lo].start >= end;
    }
    pthread_mutex_unlock(&s->lock);
    return unchanged;
}

static void join(vb_source_scan *s)
{
    if (s->threaded && !s->joined) {
        pthread_join(s->thread, NULL);
        s->joined = true;
    }
}

void vb_source_scan_finish(vb_source_scan *s)
{
    join(s);
}

void vb_source_scan_free(vb_source_scan *s)
{
    if (!s)
        return;
    atomic_store(&s->stop, true);
    join(s);
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->utf8_checked);
    free(s->changed.items);
    free(s);
}
