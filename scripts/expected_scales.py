#!/usr/bin/env python3
"""Expected per-item figures of the Likert-type items of real exports, from a
hand-made key of each item's scale (issue 15).

The key below was written by reading each question and its answers, not from
tcsurvey's output: for every Likert-type item, the scale's answers in order
(lowest first; '|' joins wordings of one point), the answers that are no point
(non-substantive), and the value of the first point. This script reads the
raw exports with pandas, maps each answer by the key (trimmed, case folded),
and writes n (answers on the scale), the count of each point and the mean to
tests/expected/shared_scales_expected.csv. An answer that the key does not
cover stops the script: the key must account for every answer.

Yes/no items, demographics, multi-select options, free text and bipolar
"just right" items are not Likert-type and are not in the key. Items whose
scale cannot be told from the export (or from the survey's own documentation)
are left out rather than guessed.

Run from the repository root with Debian's Python:
    /usr/bin/python3 scripts/expected_scales.py
"""
import csv
import os
import re
import sys

import pandas as pd

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared", "data")
OUT = os.path.join(ROOT, "tests", "expected", "shared_scales_expected.csv")

AGREE5_RSE = ["Strongly disagree", "Disagree", "Neither agree or disagree", "Agree",
              "Strongly Agree"]
FREQ5B = ["Never", "Sometimes", "Often", "Very Often", "Always"]
RATING_1_10_TIME = ["1 (None at all)"] + [str(v) for v in range(2, 10)] + ["10 (All my time)"]
SAT_0_10 = ["0 - Not at all satisfied"] + [str(v) for v in range(1, 10)] + \
    ["10 - Completely satisfied"]
CODE_0_5 = ["0 - Mostly me", "1", "2", "3", "4", "5 - Mostly other people"]
IMPORTANCE = ["Not Important", "Slightly Important", "Somewhat important", "Very Important",
              "Critical"]
QUALITY = ["Horrible", "Bad", "OK", "Good", "Excellent"]
CALENDAR = ["Never", "Yearly", "Monthly", "Weekly", "Daily"]
DEFINITELY = ["No", "Probably not", "Probably", "Yes, definitely!"]
SEVERITY = ["(0) Not a problem for me.", "(1) Trivial.", "(2) Minor.", "(3) Major.",
            "(4) Critical."]
SEVERITY_NS = ["N/A - skip, don't know.", "N/A - skip."]
JUP_FREQ = ["Never.", "Every few months.", "Monthly.", "Weekly.", "Daily."]
JUP_EXPECT = ["No.", "Neutral.", "Yes."]
JUP_COLLAB = ["Less than monthly.", "Monthly.", "A few times a month.", "Weekly.",
              "2+ times per week."]
NUM = lambda lo, hi: [str(v) for v in range(lo, hi + 1)]  # noqa: E731

# (file, header regex, points lowest first, non-substantive answers, first value)
KEY = [
    # UK research software engineers, 2016 (LimeSurvey, code. text headings)
    ("limesurvey-rse-uk-2016/public_data.csv", r"^(perfCheck\d|turnOver[1-4])\.", FREQ5B, [], 1),
    ("limesurvey-rse-uk-2016/public_data.csv",
     r"^(turnOver[56]|affRec\d|percEmp\d|affSat\d|progRSE\d)\.", AGREE5_RSE, [], 1),
    # the same survey, 2017 (code and text headings with subquestion codes)
    ("limesurvey-rse-uk-2017/public_data.csv", r"^likertagree\d\[", AGREE5_RSE, [], 1),
    ("limesurvey-rse-uk-2017/public_data.csv", r"^likert?time\d\[", FREQ5B, [], 1),
    ("limesurvey-rse-uk-2017/public_data.csv", r"^open[13]can\[", FREQ5B, [], 1),
    ("limesurvey-rse-uk-2017/public_data.csv", r"^time1can\[", RATING_1_10_TIME, [], 1),
    ("limesurvey-rse-uk-2017/public_data.csv", r"^satisGen1\[", SAT_0_10, [], 0),
    ("limesurvey-rse-uk-2017/public_data.csv", r"^rse3\[", CODE_0_5, [], 0),
    # Spack user survey, two waves (Google Forms grids)
    ("googleforms-spack-2021/spack-user-survey-2021-responses.csv",
     r"^Rank these TBD Spack features by importance \[", IMPORTANCE, [], 1),
    ("googleforms-spack-2021/spack-user-survey-2021-responses.csv",
     r"^How would you rate the overall quality of", QUALITY, [], 1),
    ("googleforms-spack-2021/spack-user-survey-2021-responses.csv",
     r"^How often do you consult the Spack documentation", CALENDAR, [], 1),
    ("googleforms-spack-2021/spack-user-survey-2021-responses.csv",
     r"^If there were (commercial support|a software foundation)", DEFINITELY, [], 1),
    ("googleforms-spack-2022/spack-user-survey-2022-responses.csv",
     r"^Rank these TBD Spack features by importance \[", IMPORTANCE, [], 1),
    ("googleforms-spack-2022/spack-user-survey-2022-responses.csv",
     r"^How would you rate the overall quality of", QUALITY, [], 1),
    ("googleforms-spack-2022/spack-user-survey-2022-responses.csv",
     r"^How often do you consult the Spack documentation", CALENDAR, [], 1),
    ("googleforms-spack-2022/spack-user-survey-2022-responses.csv",
     r"^If there were (commercial support|a software foundation)", DEFINITELY, [], 1),
    # Jupyter survey 2020 (SurveyMonkey, flattened)
    ("surveymonkey-jupyter-2020/all_responses.csv", r"^7[a-k]1\. ", JUP_FREQ, [], 1),
    ("surveymonkey-jupyter-2020/all_responses.csv", r"^7[a-k][23]\. ", JUP_EXPECT,
     ["Does not apply."], 1),
    ("surveymonkey-jupyter-2020/all_responses.csv", r"^(10|13|15|19|20)[a-i]\. ", SEVERITY,
     SEVERITY_NS, 0),
    ("surveymonkey-jupyter-2020/all_responses.csv", r"^18b\. ", JUP_COLLAB,
     ["I am not collaborating."], 1),
    # Carpentries instructor training post-survey
    ("carpentries-instructor-training-2018/20180908_post_clean.csv",
     r"^(InformationReasonableTime|AtmosphereWelcoming|LearnedSkills|Material|Recommend|Worth)$",
     ["Strongly Disagree", "Disagree", "Neither Agree nor Disagree", "Agree", "Strongly Agree"],
     [], 1),
    ("carpentries-instructor-training-2018/20180908_post_clean.csv", r"^Trainers",
     ["Never", "Rarely", "Sometimes", "Often", "All of the time"], [], 1),
    ("carpentries-instructor-training-2018/20180908_post_clean.csv", r"^NewInformation$",
     ["None of it", "Some of it", "About half of it", "Most of it", "All of it"], [], 1),
    ("carpentries-instructor-training-2018/20180908_post_clean.csv", r"PostAbility$",
     ["Not at all able", "Slightly able", "Neutral", "Moderately able", "Extremely able"], [], 1),
    ("carpentries-instructor-training-2018/20180908_post_clean.csv", r"^Knowledge.*Post$",
     ["Little or no knowledge of topic", "Some knowledge of topic",
      "Extensive knowledge of topic"], [], 1),
    ("carpentries-instructor-training-2018/20180908_post_clean.csv", r"^LikelyToRecommend$",
     NUM(1, 10), [], 1),
    # Spanish R community survey 2019 (Google Forms)
    ("googleforms-rsurvey-es-2019/2019 Spanish R Community Survey Responses.csv",
     r"^¿Cómo calificarías tu nivel de experiencia",
     ["Sin experiencia", "Inicial", "Intermedio", "Experto"], [], 1),
    ("googleforms-rsurvey-es-2019/2019 Spanish R Community Survey Responses.csv",
     r"^(Comparado con otros temas|Por favor calificá cuánto disfrutas)", NUM(1, 5), [], 1),
    ("googleforms-rsurvey-es-2019/2019 Spanish R Community Survey Responses.csv",
     r"^¿Qué tan probable es que recomiendes", NUM(1, 10), [], 1),
    ("googleforms-rsurvey-es-2019/2019 Spanish R Community Survey Responses.csv",
     r"^¿Utilizas paquetes tidyverse cuando",
     ["Nunca", "Raramente", "De vez en cuando", "Generalmente"],
     ["No sé qué es el paquete tidyverse"], 1),
    ("googleforms-rsurvey-es-2019/2019 Spanish R Community Survey Responses.csv",
     r"^(¿Con qué frecuencia usa R hoy|¿Utiliza actualmente (R Markdown|Python))",
     ["Ocasionalmente: menos de una vez al mes.",
      "Mensual: entre una vez a la semana y una vez al mes",
      "Semanal: entre una vez al día y una vez a la semana",
      "Diariamente: al menos una vez al día."],
     ["No uso R Markdown", "No uso Python", "No espero usar R en 2020"], 1),
    # Typeform governance survey: the 0-6 opinion scales whose answers reach both ends
    ("typeform-stacks-governance/results-anonymized-randomized.csv",
     r"^(How well do you understand|How aligned are you|How much do you care|"
     r"Do you trust Blockstack PBC|Do you feel that Blockstack PBC)", NUM(0, 6), [], 0),
    # JISC Online Surveys numeric export, read with its key file: codes run
    # from the top of the scale down, so the key's labels decide the order
    ("jisc-sodp-2020/results-for-idrc-surveyin-2021-03-05-0807.en.csv", r"^Q12$",
     ["4", "3", "2", "1"], [], 1),
    ("jisc-sodp-2020/results-for-idrc-surveyin-2021-03-05-0807.en.csv", r"^Q31$",
     ["4", "3", "2", "1"], [], 1),
    ("jisc-sodp-2020/results-for-idrc-surveyin-2021-03-05-0807.en.csv", r"^Q57$",
     ["4", "3", "2", "1"], [], 1),
]

# Answers the export writes for "no answer".
MISSING = {"", "NA"}


def fold(s):
    return " ".join(s.split()).casefold()


def read(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def figures(values, points, ns, first):
    lookup = {}
    for k, p in enumerate(points):
        for w in p.split("|"):
            lookup[fold(w)] = k
    nsset = {fold(w) for w in ns}
    counts = [0] * len(points)
    nonsub = 0
    for v in values:
        t = v.replace("\u00a0", " ").strip()
        if t in MISSING:
            continue
        f = fold(t)
        if f in lookup:
            counts[lookup[f]] += 1
        elif f in nsset:
            nonsub += 1
        else:
            raise SystemExit(f"answer {t!r} is not in the key")
    n = sum(counts)
    mean = sum((first + k) * c for k, c in enumerate(counts)) / n if n else float("nan")
    return n, nonsub, counts, mean


def main():
    if not os.path.isdir(SHARED):
        sys.exit(f"{SHARED}: not found")
    rows = []
    frames = {}
    for source, pattern, points, ns, first in KEY:
        if source not in frames:
            frames[source] = read(os.path.join(SHARED, source))
        df = frames[source]
        hits = 0
        for i, header in enumerate(df.columns):
            h = re.sub(r"\.\d+$", "", header)  # pandas' suffix of a repeated heading
            if not re.search(pattern, h):
                continue
            try:
                n, nonsub, counts, mean = figures(df.iloc[:, i], points, ns, first)
            except SystemExit as e:
                sys.exit(f"{source} column {i + 1} ({header[:40]}): {e}")
            rows.append([source, i + 1, len(points), first, n, nonsub,
                         ";".join(map(str, counts)), repr(mean)])
            hits += 1
        if hits == 0:
            sys.exit(f"{source}: no column matches {pattern}")
    with open(OUT, "w", newline="") as fp:
        w = csv.writer(fp, lineterminator="\n")
        w.writerow(["source", "column_index", "npoints", "first", "n", "nonsubstantive",
                    "counts", "mean"])
        w.writerows(rows)
    print(f"{OUT}: {len(rows)} items")


if __name__ == "__main__":
    main()
