/* floor.c - the floor for tcsurvey's design: read a CSV file with libcsv
 * and do nothing else (the callbacks only count fields and records).
 *
 * Usage: floor FILE.csv... (several files are read one after the other,
 * the floor for a command that reads several, like compare)
 * Prints "FIELDS RECORDS" per file. Reads 64 KiB at a time, as tcsurvey does, and
 * parses with the options tcsurvey uses (CSV_REPALL_NL | CSV_APPEND_NULL),
 * so the difference to `tcsurvey summary` is everything tcsurvey does
 * beyond tokenising: decoding checks, counting answers, statistics. */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>

static void on_field(void *s, size_t len, void *data)
{
    (void)s;
    (void)len;
    ((unsigned long *)data)[0]++;
}

static void on_record(int c, void *data)
{
    (void)c;
    ((unsigned long *)data)[1]++;
}

static int parse_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        perror(path);
        return 1;
    }
    struct csv_parser p;
    if (csv_init(&p, CSV_REPALL_NL | CSV_APPEND_NULL) != 0) {
        fclose(fp);
        return 1;
    }
    static char buf[64 * 1024];
    unsigned long counts[2] = {0, 0};
    size_t n;
    int rc = 0;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
        if (csv_parse(&p, buf, n, on_field, on_record, counts) != n) {
            fprintf(stderr, "floor: %s: %s\n", path, csv_strerror(csv_error(&p)));
            rc = 1;
            break;
        }
    }
    csv_fini(&p, on_field, on_record, counts);
    csv_free(&p);
    fclose(fp);
    printf("%lu %lu\n", counts[0], counts[1]);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: floor FILE.csv...\n");
        return 2;
    }
    for (int i = 1; i < argc; i++)
        if (parse_file(argv[i]) != 0)
            return 1;
    return 0;
}
