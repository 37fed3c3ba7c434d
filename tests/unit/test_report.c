/* Unit tests: how the report writes ids and shortens wordings (worked by
 * hand from the rule: runs of three or more consecutive numbers as a
 * range, after an opening bracket only the rest of the last id). */
#include "testutil.h"
#include "render/report_internal.h"

#include <string.h>

static const char *ids(tcs_doc *d, const char *const *list, size_t n)
{
    return tcs_report_id_list(d, list, n);
}

#define IDS(d, ...)                                                              \
    ids(d, (const char *const[]){__VA_ARGS__},                                   \
        sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))

static void id_ranges(void **state)
{
    (void)state;
    tcs_doc *d = tcs_doc_new(TCS_DOC_REPORT);
    assert_string_equal(IDS(d, "1.1", "1.2", "1.3", "1.4"), "1.1-1.4");
    assert_string_equal(IDS(d, "G03Q14[1]", "G03Q14[2]", "G03Q14[3]", "G03Q14[4]", "G03Q14[5]",
                            "G03Q14[6]", "G03Q14[7]", "G03Q14[8]", "G03Q14[9]", "G03Q14[10]"),
                        "G03Q14[1]-[10]");
    assert_string_equal(IDS(d, "1.1", "1.2"), "1.1, 1.2");
    assert_string_equal(IDS(d, "1.1", "1.3", "1.4", "1.5", "2.1"), "1.1, 1.3-1.5, 2.1");
    assert_string_equal(IDS(d, "Q5_1", "Q5_2", "Q5_3"), "Q5_1-Q5_3");
    assert_string_equal(IDS(d, "A1", "B2", "B3", "B4"), "A1, B2-B4");
    assert_string_equal(IDS(d, "likert[a]", "likert[b]", "x"), "likert[a], likert[b], x");
    assert_string_equal(IDS(d, "4.6"), "4.6");
    assert_false(tcs_doc_failed(d));
    tcs_doc_free(d);
}

static void shortened(void **state)
{
    (void)state;
    tcs_doc *d = tcs_doc_new(TCS_DOC_REPORT);
    const char *s = "I feel that the role of Technician at the University is seen";
    assert_string_equal(tcs_report_short(d, s, 100), s);
    assert_string_equal(tcs_report_short(d, s, 22), "I feel that the role...");
    /* one long word: cut at the character */
    assert_string_equal(tcs_report_short(d, "Abcdefghijklmnopqrstuvwxyz", 10), "Abcdefghij...");
    /* characters, not bytes */
    assert_string_equal(tcs_report_short(d, "\xc3\xa9\xc3\xa9\xc3\xa9 \xc3\xa9\xc3\xa9", 4),
                        "\xc3\xa9\xc3\xa9\xc3\xa9...");
    assert_null(tcs_report_short(d, NULL, 5));
    tcs_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(id_ranges),
        cmocka_unit_test(shortened),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
