/* gen_forms.c - synthetic Microsoft Forms CSV exports for the benchmarks.
 *
 * Usage: gen_forms ROWS OUT.csv [--seed N] [--shift D]
 *
 * Layout as Forms writes it (and as surveys/chester/ has it): UTF-8 BOM,
 * CRLF, one header row; metadata columns ID, Start time, Completion time,
 * Email, Name; then 40 questions ("1. ..." to "40. ..."): 1-20 answered
 * with the agreement labels Strongly disagree .. Strongly agree, 21-40 with
 * whole-number ratings 1-10; then a categorical column of five faculties
 * (one name holds a comma, so it is quoted), for the --by benchmark.
 * About 5% of answer cells are blank. --shift D moves every item's centre
 * by D points (a second wave for compare). Output is deterministic for a
 * seed. Written in C because Python needs minutes for 10M rows. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NITEMS 40
#define NLABEL 20 /* items 1..NLABEL use labels, the rest ratings */

static uint64_t rng_state;

static uint64_t next_u64(void) /* splitmix64 */
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static double uniform(void) { return (double)(next_u64() >> 11) * (1.0 / 9007199254740992.0); }

/* Roughly normal: sum of three uniforms, mean 0, SD 1. */
static double gauss(void) { return (uniform() + uniform() + uniform() - 1.5) * 2.0; }

static const char *const agree[5] = {"Strongly disagree", "Disagree",
                                     "Neither agree nor disagree", "Agree", "Strongly agree"};
static const char *const faculty[5] = {
    "Faculty of Arts and Media", "Faculty of Health, Medicine and Society",
    "Faculty of Science, Business and Enterprise", "Professional Services",
    "Faculty of Education"};
static const double faculty_cum[5] = {0.15, 0.40, 0.70, 0.85, 1.0};

static char out[1 << 20];
static size_t used;
static FILE *fp;

static void flush_out(void)
{
    if (used && fwrite(out, 1, used, fp) != used) {
        perror("gen_forms: write");
        exit(1);
    }
    used = 0;
}

static void put(const char *s, size_t n)
{
    if (used + n > sizeof out)
        flush_out();
    memcpy(out + used, s, n);
    used += n;
}

static void puts_(const char *s) { put(s, strlen(s)); }

static void put_ulong(unsigned long v)
{
    char b[24];
    int n = snprintf(b, sizeof b, "%lu", v);
    put(b, (size_t)n);
}

/* A Forms-style timestamp "M/D/YY H:MM:SS" for second t of 2024. */
static void put_time(unsigned long t)
{
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    unsigned long day = (t / 86400) % 366, sec = t % 86400;
    int m = 0;
    while (day >= (unsigned long)mdays[m]) {
        day -= (unsigned long)mdays[m];
        m++;
    }
    char b[32];
    int n = snprintf(b, sizeof b, "%d/%lu/24 %lu:%02lu:%02lu", m + 1, day + 1, sec / 3600,
                     sec / 60 % 60, sec % 60);
    put(b, (size_t)n);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: gen_forms ROWS OUT.csv [--seed N] [--shift D]\n");
        return 2;
    }
    unsigned long rows = strtoul(argv[1], NULL, 10);
    const char *path = argv[2];
    uint64_t seed = 2024;
    double shift = 0;
    for (int i = 3; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--seed") == 0)
            seed = strtoull(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--shift") == 0)
            shift = strtod(argv[i + 1], NULL);
        else {
            fprintf(stderr, "gen_forms: unknown option %s\n", argv[i]);
            return 2;
        }
    }
    fp = fopen(path, "wb");
    if (!fp) {
        perror(path);
        return 1;
    }
    rng_state = seed;

    /* Each item's centre and spread, fixed by the seed's first draws. */
    double centre[NITEMS], spread[NITEMS];
    for (int q = 0; q < NITEMS; q++) {
        int labels = q < NLABEL;
        centre[q] = (labels ? 2.2 + 1.8 * uniform() : 3.5 + 4.0 * uniform()) + shift;
        spread[q] = labels ? 0.8 + 0.5 * uniform() : 1.5 + 1.2 * uniform();
    }

    puts_("\xEF\xBB\xBFID,Start time,Completion time,Email,Name");
    for (int q = 0; q < NITEMS; q++) {
        char h[160];
        int n = q < NLABEL
                    ? snprintf(h, sizeof h, ",%d. Statement %d: I feel that technicians are "
                                            "valued in this part of the work",
                               q + 1, q + 1)
                    : snprintf(h, sizeof h, ",%d. Rate statement %d on a scale of 1 to 10",
                               q + 1, q + 1);
        put(h, (size_t)n);
    }
    puts_(",Which faculty or department do you work in?\r\n");

    unsigned long t = 13000000;
    for (unsigned long r = 1; r <= rows; r++) {
        put_ulong(r);
        put(",", 1);
        t += 1 + next_u64() % 40;
        put_time(t);
        put(",", 1);
        put_time(t + 120 + next_u64() % 1200);
        put(",anonymous,", 11);
        for (int q = 0; q < NITEMS; q++) {
            put(",", 1);
            if (uniform() < 0.05)
                continue; /* blank */
            double v = centre[q] + spread[q] * gauss();
            if (q < NLABEL) {
                int k = (int)(v + 0.5);
                k = k < 1 ? 1 : k > 5 ? 5 : k;
                puts_(agree[k - 1]);
            } else {
                int k = (int)(v + 0.5);
                k = k < 1 ? 1 : k > 10 ? 10 : k;
                put_ulong((unsigned long)k);
            }
        }
        put(",", 1);
        double u = uniform();
        int f = 0;
        while (f < 4 && u > faculty_cum[f])
            f++;
        if (strchr(faculty[f], ',')) {
            put("\"", 1);
            puts_(faculty[f]);
            put("\"", 1);
        } else {
            puts_(faculty[f]);
        }
        put("\r\n", 2);
    }
    flush_out();
    if (fclose(fp) != 0) {
        perror(path);
        return 1;
    }
    return 0;
}
