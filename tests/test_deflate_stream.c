/* vb_deflate_stream: what goes in comes back out of inflate, with the right CRC-32 and
 * length, at every size around the block boundaries (no thread, one block, many blocks), in
 * any cut of the writes; the output does not depend on the cut; an abandoned stream stops its
 * thread; and a pre-deflated zip entry reads back as the bytes written. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zip.h>
#include <zlib.h>

#include "package/deflate_stream.h"
#include "package/spool.h"
#include "package/zip_package.h"

/* XML-like text with some variety, so zlib has real work: `size` bytes. */
static unsigned char *sample(size_t size)
{
    unsigned char *p = malloc(size ? size : 1);
    assert_non_null(p);
    static const char *words[] = {"<w:tc><w:p><w:r><w:t>", "Xã Phi Mô, huyện Yên Thế",
                                  "</w:t></w:r></w:p></w:tc>", "88.282", "32,6%", "\n"};
    uint32_t seed = 12345;
    size_t at = 0;
    while (at < size) {
        seed = seed * 1103515245u + 12345u;
        const char *w = words[(seed >> 16) % 6];
        size_t n = strlen(w);
        if (n > size - at)
            n = size - at;
        memcpy(p + at, w, n);
        at += n;
    }
    return p;
}

/* All the bytes of a spool, in memory. */
static unsigned char *spool_bytes(vb_spool *spool, size_t *size)
{
    FILE *file = NULL;
    const char *data = vb_spool_take(spool, size, &file);
    unsigned char *copy = malloc(*size ? *size : 1);
    assert_non_null(copy);
    if (file) {
        assert_int_equal(fread(copy, 1, *size, file), *size);
        fclose(file);
    } else {
        assert_non_null(data);
        memcpy(copy, data, *size);
    }
    return copy;
}

/* Compresses `data` written in pieces of `piece` bytes; returns the raw deflate stream. */
static unsigned char *deflate_in_pieces(const unsigned char *data, size_t size, size_t piece,
                                        size_t *comp_size, uint32_t *crc, uint64_t *length)
{
    vb_deflate_stream *s = vb_deflate_stream_new(6);
    for (size_t at = 0; at < size; at += piece) {
        size_t n = size - at < piece ? size - at : piece;
        assert_int_equal(vb_deflate_stream_write(s, data + at, n), 0);
    }
    assert_int_equal(vb_deflate_stream_finish(s), 0);
    assert_int_equal(vb_deflate_stream_wait(s), 0);
    assert_null(vb_deflate_stream_error(s));
    *crc = vb_deflate_stream_crc(s);
    *length = vb_deflate_stream_size(s);
    vb_spool *spool = vb_deflate_stream_take(s);
    vb_deflate_stream_free(s);
    unsigned char *out = spool_bytes(spool, comp_size);
    vb_spool_free(spool);
    return out;
}

static void assert_inflates_to(const unsigned char *comp, size_t comp_size,
                               const unsigned char *want, size_t want_size)
{
    unsigned char *got = malloc(want_size + 16);
    z_stream z = {0};
    assert_int_equal(inflateInit2(&z, -MAX_WBITS), Z_OK);
    z.next_in = (Bytef *)comp;
    z.avail_in = (uInt)comp_size;
    z.next_out = got;
    z.avail_out = (uInt)(want_size + 16);
    assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
    assert_int_equal(z.total_out, want_size);
    assert_int_equal(z.avail_in, 0); /* nothing after the end of the stream */
    assert_memory_equal(got, want, want_size);
    inflateEnd(&z);
    free(got);
}

static void test_round_trip_sizes(void **state)
{
    (void)state;
    /* 0, small, around one 128 KiB block, several blocks (the queue fills), 3 MiB. */
    const size_t sizes[] = {0, 1, 1000, 131071, 131072, 131073, 262144, 700001, 3u << 20};
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        unsigned char *data = sample(sizes[i]);
        size_t comp_size;
        uint32_t crc;
        uint64_t length;
        unsigned char *comp = deflate_in_pieces(data, sizes[i], 4000, &comp_size, &crc, &length);
        assert_int_equal(length, sizes[i]);
        assert_int_equal(crc, (uint32_t)crc32(0, data, (uInt)sizes[i]));
        assert_inflates_to(comp, comp_size, data, sizes[i]);
        free(comp);
        free(data);
    }
}

static void test_same_bytes_whatever_the_cut(void **state)
{
    (void)state;
    size_t size = 1000003;
    unsigned char *data = sample(size);
    const size_t pieces[] = {1, 4000, 65536, 131072, 200000, size};
    unsigned char *first = NULL;
    size_t first_size = 0;
    for (size_t i = 0; i < sizeof pieces / sizeof *pieces; i++) {
        size_t comp_size;
        uint32_t crc;
        uint64_t length;
        unsigned char *comp = deflate_in_pieces(data, size, pieces[i], &comp_size, &crc, &length);
        if (!first) {
            first = comp;
            first_size = comp_size;
            continue;
        }
        assert_int_equal(comp_size, first_size);
        assert_memory_equal(comp, first, comp_size);
        free(comp);
    }
    free(first);
    free(data);
}

/* Streams side by side, each with its worker: several written at once (as a render writes document,
 * footnotes and styles), one of them abandoned half-way, from two threads at once, each
 * gives exactly its own bytes back. */
typedef struct {
    const unsigned char *data;
    size_t size;
    int failures;
} side_by_side_job;

static void *side_by_side(void *arg)
{
    side_by_side_job *job = arg;
    enum { STREAMS = 3 };
    vb_deflate_stream *s[STREAMS];
    size_t sizes[STREAMS] = {job->size, job->size / 3 + 7, 5000};
    for (int i = 0; i < STREAMS; i++)
        s[i] = vb_deflate_stream_new(6);
    vb_deflate_stream *abandoned = vb_deflate_stream_new(6);
    for (size_t at = 0; at < job->size; at += 4096) {
        for (int i = 0; i < STREAMS; i++) {
            if (at >= sizes[i])
                continue;
            size_t n = sizes[i] - at < 4096 ? sizes[i] - at : 4096;
            if (vb_deflate_stream_write(s[i], job->data + at, n) != 0)
                job->failures++;
        }
        if (at < job->size / 2 && vb_deflate_stream_write(abandoned, job->data + at, 4096) != 0)
            job->failures++;
    }
    vb_deflate_stream_free(abandoned);
    for (int i = 0; i < STREAMS; i++)
        if (vb_deflate_stream_finish(s[i]) != 0)
            job->failures++;
    for (int i = STREAMS - 1; i >= 0; i--) {
        if (vb_deflate_stream_wait(s[i]) != 0 || vb_deflate_stream_size(s[i]) != sizes[i] ||
            vb_deflate_stream_crc(s[i]) != (uint32_t)crc32(0, job->data, (uInt)sizes[i])) {
            job->failures++;
            continue;
        }
        vb_spool *spool = vb_deflate_stream_take(s[i]);
        size_t comp_size = 0;
        unsigned char *comp = spool_bytes(spool, &comp_size);
        vb_spool_free(spool);
        unsigned char *back = malloc(sizes[i]);
        z_stream z;
        memset(&z, 0, sizeof z);
        inflateInit2(&z, -MAX_WBITS);
        z.next_in = comp;
        z.avail_in = (uInt)comp_size;
        z.next_out = back;
        z.avail_out = (uInt)sizes[i];
        if (inflate(&z, Z_FINISH) != Z_STREAM_END || z.total_out != sizes[i] ||
            memcmp(back, job->data, sizes[i]) != 0)
            job->failures++;
        inflateEnd(&z);
        free(back);
        free(comp);
    }
    for (int i = 0; i < STREAMS; i++)
        vb_deflate_stream_free(s[i]);
    return NULL;
}

static void test_streams_side_by_side(void **state)
{
    (void)state;
    size_t size = 700u * 1024u + 123u; /* chunks enough to fill every slot */
    unsigned char *data = sample(size);
    side_by_side_job jobs[2] = {{data, size, 0}, {data, size / 2, 0}};
    pthread_t other;
    assert_int_equal(pthread_create(&other, NULL, side_by_side, &jobs[1]), 0);
    side_by_side(&jobs[0]);
    pthread_join(other, NULL);
    assert_int_equal(jobs[0].failures, 0);
    assert_int_equal(jobs[1].failures, 0);
    free(data);
}

static void test_abandoned_stream(void **state)
{
    (void)state;
    /* Freed in the middle (an XML error while writing a large part): the thread stops. */
    unsigned char *data = sample(1u << 20);
    vb_deflate_stream *s = vb_deflate_stream_new(6);
    assert_int_equal(vb_deflate_stream_write(s, data, 1u << 20), 0);
    vb_deflate_stream_free(s);
    vb_deflate_stream_free(NULL);
    /* No write after finish. */
    s = vb_deflate_stream_new(6);
    assert_int_equal(vb_deflate_stream_finish(s), 0);
    assert_int_equal(vb_deflate_stream_write(s, "x", 1), -1);
    vb_deflate_stream_free(s);
    free(data);
}

static void test_pre_deflated_entry(void **state)
{
    (void)state;
    char path[] = "/tmp/vanban-test-deflate-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);

    size_t size = 500000;
    unsigned char *data = sample(size);
    vb_deflate_stream *s = vb_deflate_stream_new(6);
    assert_int_equal(vb_deflate_stream_write(s, data, size), 0);
    assert_int_equal(vb_deflate_stream_finish(s), 0);

    char err[256] = "";
    vb_package *pkg = vb_package_open(path, err, sizeof err);
    assert_non_null(pkg);
    assert_int_equal(vb_package_add(pkg, "a.xml", "<a/>", 4, 1, err, sizeof err), 0);
    assert_int_equal(vb_package_add_deflated(pkg, "big.xml", vb_deflate_stream_take(s),
                                             vb_deflate_stream_size(s), vb_deflate_stream_crc(s),
                                             err, sizeof err),
                     0);
    vb_deflate_stream_free(s);
    assert_int_equal(vb_package_commit(pkg, err, sizeof err), 0);

    int code = 0;
    zip_t *zip = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &code);
    assert_non_null(zip);
    zip_stat_t st;
    assert_int_equal(zip_stat(zip, "big.xml", 0, &st), 0);
    assert_int_equal(st.comp_method, ZIP_CM_DEFLATE);
    assert_int_equal(st.size, size);
    assert_int_equal(st.crc, (uint32_t)crc32(0, data, (uInt)size));
    unsigned char *back = malloc(size);
    zip_file_t *f = zip_fopen(zip, "big.xml", 0);
    assert_non_null(f);
    assert_int_equal(zip_fread(f, back, size), (zip_int64_t)size); /* libzip checks the CRC */
    assert_int_equal(zip_fclose(f), 0);
    assert_memory_equal(back, data, size);
    zip_close(zip);
    free(back);
    free(data);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_sizes),
        cmocka_unit_test(test_same_bytes_whatever_the_cut),
        cmocka_unit_test(test_streams_side_by_side),
        cmocka_unit_test(test_abandoned_stream),
        cmocka_unit_test(test_pre_deflated_entry),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
