/* The floor of the build benchmark: libcmark-gfm parsing and rendering every Markdown file of a
 * content folder to HTML, in one process on one thread, and nothing else: the library gids uses,
 * with the extensions gids turns on (table, strikethrough, tasklist; footnotes).
 *
 * Usage: cmark_floor DIR
 * Build: gcc -O2 -o cmark_floor cmark_floor.c $(pkg-config --cflags --libs libcmark-gfm) -lcmark-gfm-extensions
 *
 * Reads every *.md file under DIR into memory first (untimed), drops the front matter (a first
 * line `---` up to the next line `---`), then times a parser with the extensions attached
 * (CMARK_OPT_FOOTNOTES) + cmark_render_html of every body. Prints one JSON line: files, bytes
 * in, bytes of HTML out, and the seconds of the timed part (CLOCK_MONOTONIC).
 */
#define _XOPEN_SOURCE 700
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct body {
    char *text;
    size_t length;
};

static struct body *bodies;
static size_t count, capacity;
static size_t bytes_in;

static char *read_file(const char *path, size_t *length) {
    FILE *file = fopen(path, "rb");
    if (!file) return NULL;
    size_t size = 0, cap = 16384;
    char *data = malloc(cap);
    size_t got;
    while ((got = fread(data + size, 1, cap - size, file)) > 0) {
        size += got;
        if (size == cap) data = realloc(data, cap *= 2);
    }
    fclose(file);
    *length = size;
    return data;
}

/* The body after the front matter (or the whole text when there is none). */
static const char *skip_front_matter(const char *text, size_t length, size_t *body_length) {
    if (length >= 4 && memcmp(text, "---\n", 4) == 0) {
        const char *p = text + 3;
        const char *end = text + length;
        while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
            p++;
            if (end - p >= 3 && memcmp(p, "---", 3) == 0 && (end - p == 3 || p[3] == '\n')) {
                const char *body = p + 3 + (end - p > 3 ? 1 : 0);
                *body_length = (size_t)(end - body);
                return body;
            }
        }
    }
    *body_length = length;
    return text;
}

static int visit(const char *path, const struct stat *info, int type, struct FTW *ftw) {
    (void)info;
    (void)ftw;
    size_t n = strlen(path);
    if (type != FTW_F || n < 3 || strcmp(path + n - 3, ".md") != 0) return 0;
    size_t length;
    char *text = read_file(path, &length);
    if (!text) {
        fprintf(stderr, "cmark_floor: cannot read %s\n", path);
        exit(1);
    }
    size_t body_length;
    const char *body = skip_front_matter(text, length, &body_length);
    if (count == capacity) {
        capacity = capacity ? capacity * 2 : 1024;
        bodies = realloc(bodies, capacity * sizeof *bodies);
    }
    bodies[count].text = malloc(body_length + 1);
    memcpy(bodies[count].text, body, body_length);
    bodies[count].length = body_length;
    count++;
    bytes_in += body_length;
    free(text);
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: cmark_floor DIR\n");
        return 2;
    }
    if (nftw(argv[1], visit, 64, FTW_PHYS) != 0) {
        fprintf(stderr, "cmark_floor: cannot walk %s\n", argv[1]);
        return 1;
    }
    static const char *extensions[] = {"table", "strikethrough", "tasklist"};
    const int options = CMARK_OPT_FOOTNOTES;
    cmark_gfm_core_extensions_ensure_registered();
    struct timespec start, stop;
    size_t bytes_out = 0;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (size_t i = 0; i < count; i++) {
        cmark_parser *parser = cmark_parser_new(options);
        for (size_t e = 0; e < sizeof extensions / sizeof *extensions; e++) {
            cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(extensions[e]));
        }
        cmark_parser_feed(parser, bodies[i].text, bodies[i].length);
        cmark_node *document = cmark_parser_finish(parser);
        char *html = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser));
        cmark_parser_free(parser);
        bytes_out += strlen(html);
        free(html);
        cmark_node_free(document);
    }
    clock_gettime(CLOCK_MONOTONIC, &stop);
    double seconds = (double)(stop.tv_sec - start.tv_sec) + (double)(stop.tv_nsec - start.tv_nsec) / 1e9;
    printf("{\"files\": %zu, \"bytes_in\": %zu, \"bytes_out\": %zu, \"seconds\": %.6f}\n", count, bytes_in, bytes_out,
        seconds);
    return 0;
}
