/* guess.c - what a statement's wording says: the Technician Commitment
 * pillar it evidences, whether it is worded negatively, whether it is an
 * attention check. Words are rows of tables, in label normal form (lower
 * case, punctuation as spaces); a trailing '*' takes any ending
 * ("recogni*": recognised, recognition). */
#include "draft/draft_internal.h"
#include "tcsurvey/text.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    const char *pillar;
    const char *words;
    int weight;
} pillar_word;

/* From the Technician Commitment's own wording of its pillars:
 * visibility (technicians identifiable and visible, their contribution
 * known inside and outside the institution), recognition (professional
 * registration and awards), career development (clear career pathways
 * and development opportunities), sustainability (the future of technical
 * skills: succession, apprenticeships, sharing and keeping expertise).
 * The weight says how surely a word names its pillar. */
static const pillar_word pillar_words[] = {
    {"Visibility", "visib*", 3},
    {"Visibility", "identifiable", 2},
    {"Visibility", "profile", 2},
    {"Visibility", "seen", 1},
    {"Visibility", "known", 1},
    {"Visibility", "important", 1},
    {"Visibility", "contribut*", 1},
    {"Visibility", "acknowledg*", 2},
    {"Visibility", "author*", 2},
    {"Visibility", "co author*", 2},
    {"Visibility", "engage*", 1},
    {"Visibility", "engagement", 1},
    {"Visibility", "outreach", 2},
    {"Visibility", "public", 1},
    {"Visibility", "community", 1},
    {"Visibility", "schools", 1},
    {"Visibility", "open day*", 2},
    {"Visibility", "showcas*", 2},
    {"Visibility", "website*", 2},
    {"Visibility", "newsletter*", 2},
    {"Visibility", "communicat*", 1},
    {"Visibility", "represent*", 2},
    {"Visibility", "voice", 1},
    {"Visibility", "consulted", 1},
    {"Visibility", "decision*", 1},
    {"Visibility", "committee*", 1},
    {"Visibility", "included", 1},
    {"Visibility", "involved", 1},
    {"Visibility", "network*", 1},
    {"Recognition", "recogni*", 3},
    {"Recognition", "professional registration", 3},
    {"Recognition", "professionally registered", 3},
    {"Recognition", "registration", 2},
    {"Recognition", "registered", 2},
    {"Recognition", "register", 2},
    {"Recognition", "professional body", 3},
    {"Recognition", "professional bodies", 3},
    {"Recognition", "science council", 3},
    {"Recognition", "rscitech", 3},
    {"Recognition", "rsci", 3},
    {"Recognition", "csci", 3},
    {"Recognition", "engtech", 3},
    {"Recognition", "ieng", 2},
    {"Recognition", "ceng", 2},
    {"Recognition", "fellowship*", 2},
    {"Recognition", "accredit*", 2},
    {"Recognition", "award*", 2},
    {"Recognition", "reward*", 2},
    {"Recognition", "prize*", 2},
    {"Recognition", "nominat*", 2},
    {"Recognition", "credit*", 1},
    {"Recognition", "thank*", 1},
    {"Recognition", "valued", 1},
    {"Recognition", "appreciat*", 1},
    {"Recognition", "membership", 1},
    {"Career Development", "career*", 3},
    {"Career Development", "progression", 3},
    {"Career Development", "progress*", 2},
    {"Career Development", "promot*", 2},
    {"Career Development", "pathway*", 2},
    {"Career Development", "development", 2},
    {"Career Development", "developmental", 2},
    {"Career Development", "develop", 1},
    {"Career Development", "cpd", 3},
    {"Career Development", "training", 2},
    {"Career Development", "trained", 1},
    {"Career Development", "learn*", 1},
    {"Career Development", "course*", 1},
    {"Career Development", "appraisal*", 2},
    {"Career Development", "pdr", 3},
    {"Career Development", "goal*", 1},
    {"Career Development", "aspiration*", 2},
    {"Career Development", "secondment*", 2},
    {"Career Development", "qualification*", 1},
    {"Career Development", "mentor*", 1},
    {"Career Development", "coach*", 1},
    {"Career Development", "regrad*", 2},
    {"Sustainability", "sustainab*", 3},
    {"Sustainability", "succession", 3},
    {"Sustainability", "apprentice*", 3},
    {"Sustainability", "workforce planning", 3},
    {"Sustainability", "next generation", 2},
    {"Sustainability", "retention", 2},
    {"Sustainability", "retain*", 2},
    {"Sustainability", "retir*", 2},
    {"Sustainability", "recruit*", 2},
    {"Sustainability", "ageing", 2},
    {"Sustainability", "expertise", 2},
    {"Sustainability", "knowledge and expertise", 2},
    {"Sustainability", "technical skills", 2},
    {"Sustainability", "transfer*", 2},
    {"Sustainability", "future", 1},
    {"Sustainability", "skills", 1},
    {"Sustainability", "knowledge", 1},
    {"Sustainability", "sharing", 1},
    {"Sustainability", "share", 1},
    {"Sustainability", "junior", 1},
    {"Sustainability", "utilise", 1},
    {"Sustainability", "utilize", 1},
    {"Sustainability", "shadow*", 1},
    {"Sustainability", "staffing", 1},
};
#define NPILLAR_WORDS (sizeof pillar_words / sizeof pillar_words[0])

static const char *const pillars[] = {"Visibility", "Recognition", "Career Development",
                                      "Sustainability"};

/* Where words (a phrase; '*' at its end takes any ending) occur in norm
 * at a word's start, or NULL. */
static const char *find_words(const char *norm, const char *words)
{
    size_t len = strlen(words);
    bool stem = len && words[len - 1] == '*';
    char phrase[64];
    snprintf(phrase, sizeof phrase, "%.*s", (int)(stem ? len - 1 : len), words);
    len = strlen(phrase);
    for (const char *p = strstr(norm, phrase); p; p = strstr(p + 1, phrase))
        if ((p == norm || p[-1] == ' ') && (stem || p[len] == '\0' || p[len] == ' '))
            return p;
    return NULL;
}

/* The words matched at p (a phrase of words, its last word whole),
 * quoted, appended to out unless it holds them already. */
static void add_word(char *out, size_t outsz, const char *p, const char *words)
{
    if (!out || !outsz)
        return;
    size_t len = strcspn(words, "*");
    while (p[len] && p[len] != ' ')
        len++;
    char quoted[96];
    snprintf(quoted, sizeof quoted, "'%.*s'", (int)len, p);
    size_t used = strlen(out);
    if (!strstr(out, quoted) && used + strlen(quoted) + 3 < outsz)
        snprintf(out + used, outsz - used, "%s%s", used ? ", " : "", quoted);
}

const char *tcs_pillar_guess(const char *statement, char *words, size_t wordssz)
{
    int score;
    return tcs_draft_pillar_score(statement, words, wordssz, &score);
}

const char *tcs_draft_pillar_score(const char *statement, char *words, size_t wordssz,
                                   int *out_score)
{
    *out_score = 0;
    if (words && wordssz)
        words[0] = '\0';
    if (!statement)
        return NULL;
    char norm[1024];
    tcs_label_normalise(statement, strlen(statement), norm, sizeof norm);
    int score[4] = {0, 0, 0, 0};
    for (size_t i = 0; i < NPILLAR_WORDS; i++)
        if (find_words(norm, pillar_words[i].words))
            for (size_t k = 0; k < 4; k++)
                if (strcmp(pillar_words[i].pillar, pillars[k]) == 0)
                    score[k] += pillar_words[i].weight;
    size_t best = 0;
    for (size_t k = 1; k < 4; k++)
        if (score[k] > score[best])
            best = k;
    for (size_t k = 0; k < 4; k++)
        if (k != best && score[k] == score[best])
            return NULL; /* none, or two equally */
    for (size_t i = 0; i < NPILLAR_WORDS; i++) {
        const char *p;
        if (strcmp(pillar_words[i].pillar, pillars[best]) == 0 &&
            (p = find_words(norm, pillar_words[i].words)))
            add_word(words, wordssz, p, pillar_words[i].words);
    }
    *out_score = score[best];
    return pillars[best];
}

/* Negative wording: agreeing with such a statement is unfavourable. */
static const char *const negative_words[] = {
    "not", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "cant",
    "cannot", "couldnt", "wont", "wouldnt", "havent", "hasnt", "never", "no longer",
    "unable", "lack*", "insufficient*", "unfair*", "undervalued", "under valued",
    "unappreciated", "overlooked", "ignored", "excluded", "isolated", "stress*", "overwork*",
    "bullied", "bullying", "harass*", "discriminat*", "burnout", "burn out", "burned out",
    "burnt out", "worried", "anxious", "anxiety", "unclear", "unsupported", "difficult*",
    "too much", "too many", NULL};

bool tcs_reverse_guess(const char *statement, char *word, size_t wordsz, bool *two)
{
    if (word && wordsz)
        word[0] = '\0';
    if (two)
        *two = false;
    if (!statement)
        return false;
    char norm[1024];
    tcs_label_normalise(statement, strlen(statement), norm, sizeof norm);
    size_t found = 0;
    for (size_t i = 0; negative_words[i]; i++) {
        const char *p = find_words(norm, negative_words[i]);
        if (!p)
            continue;
        if (!found && word && wordsz)
            snprintf(word, wordsz, "%.*s", (int)strcspn(p, " "), p);
        found++;
    }
    if (found > 1 && two)
        *two = true;
    return found == 1;
}

static const char *const attention_words[] = {
    "attention check", "paying attention", "pay attention", "reading carefully",
    "show you are reading", "show that you are reading", "to show you are",
    "select strongly agree", "select strongly disagree", "choose strongly agree",
    "choose strongly disagree", "select agree for", "select disagree for",
    "for this question please", "for this item please", "for this statement please",
    "this is an attention", "quality control question", NULL};

bool tcs_attention_check_guess(const char *statement)
{
    if (!statement)
        return false;
    char norm[1024];
    tcs_label_normalise(statement, strlen(statement), norm, sizeof norm);
    for (size_t i = 0; attention_words[i]; i++)
        if (find_words(norm, attention_words[i]))
            return true;
    return false;
}
