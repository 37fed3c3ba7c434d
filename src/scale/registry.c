/* registry.c - the built-in answer scales, one row each.
 *
 * Adding a wording is adding it to a point's list; adding a scale is adding
 * a row. Scales of one family are alternatives for the same kind of
 * question (agreement with 4, 5, 6 or 7 points): when answers fit several,
 * tcs_scale_choose prefers the one that explains them without two answers
 * on one point, then without unchosen points between chosen ones, then
 * with the fewest points, so a 4-point answer set is read as a 4-point
 * scale, not as a 5-point one with an empty middle. The wordings of a
 * family are shared through the macros below, so that every length of
 * scale accepts the same variants.
 *
 * Wordings are compared in the label normal form (text.h): case,
 * punctuation and accents' case do not matter, "Don't" equals "Dont".
 * Spanish wordings of the common families are listed too. */
#include "tcsurvey/scale.h"

#include <stddef.h>

/* ---- agreement ---- */
#define AG_SD                                                                                 \
    "Strongly disagree|Disagree strongly|Completely disagree|Totally disagree|Definitely "    \
    "disagree|Fully disagree|Disagree completely|Disagree totally|Very much disagree|"        \
    "Strongly disagreed|Totalmente en desacuerdo|Muy en desacuerdo|Completamente en "         \
    "desacuerdo"
#define AG_D "Disagree|Tend to disagree|Mostly disagree|Generally disagree|En desacuerdo"
#define AG_SLD                                                                                \
    "Somewhat disagree|Slightly disagree|Mildly disagree|Moderately disagree|Partly "         \
    "disagree|Partially disagree|Disagree somewhat|Disagree slightly|Algo en desacuerdo|"     \
    "Ligeramente en desacuerdo|Parcialmente en desacuerdo"
#define AG_N                                                                                  \
    "Neither agree nor disagree|Neither agree or disagree|Neither disagree nor agree|"        \
    "Neither|Neutral|Undecided|Indifferent|Agree nor disagree|Ni de acuerdo ni en "           \
    "desacuerdo|Neutro|Indiferente"
#define AG_SLA                                                                                \
    "Somewhat agree|Slightly agree|Mildly agree|Moderately agree|Partly agree|Partially "     \
    "agree|Agree somewhat|Agree slightly|Algo de acuerdo|Ligeramente de acuerdo|"             \
    "Parcialmente de acuerdo"
#define AG_A "Agree|Tend to agree|Mostly agree|Generally agree|De acuerdo"
#define AG_SA                                                                                 \
    "Strongly agree|Agree strongly|Completely agree|Totally agree|Definitely agree|Fully "    \
    "agree|Agree completely|Agree totally|Very much agree|Strongly agreed|Totalmente de "     \
    "acuerdo|Muy de acuerdo|Completamente de acuerdo"

/* ---- frequency (how often, in words) ---- */
#define FQ_NEVER "Never|Nunca|Jamás|Jamas"
#define FQ_NEVERISH                                                                           \
    "Never or almost never|Never or hardly ever|Never or rarely|Casi nunca o nunca|Nunca o "  \
    "casi nunca"
#define FQ_RARELY                                                                             \
    "Rarely|Seldom|Almost never|Hardly ever|Infrequently|Not often|Raramente|Rara vez|Casi "  \
    "nunca|Pocas veces"
#define FQ_SOMETIMES                                                                          \
    "Sometimes|Occasionally|Some of the time|Now and then|Once in a while|About half the "    \
    "time|Half of the time|In some lessons|A veces|Algunas veces|De vez en cuando|"           \
    "Ocasionalmente"
#define FQ_OFTEN                                                                              \
    "Often|Frequently|Regularly|A lot of the time|Fairly often|Quite often|In most "          \
    "lessons|A menudo|Con frecuencia|Frecuentemente|Muchas veces|Regularmente"
#define FQ_USUALLY "Usually|Most of the time|Mostly|Generally|Generalmente|Normalmente"
#define FQ_VERYOFTEN "Very often|Very frequently|Extremely often|Muy a menudo|Muy frecuentemente"
#define FQ_ALMOSTALWAYS "Almost always|Nearly always|Casi siempre"
#define FQ_ALWAYS                                                                             \
    "Always|All of the time|All the time|Every time|Constantly|In all lessons|Always or "     \
    "almost always|Siempre"

/* ---- calendar frequency (how often, per period) ---- */
#define CF_NEVER "Never|Not at all|Nunca"
#define CF_RARE                                                                               \
    "Less than once a year|Rarely|Hardly ever|Almost never|Less often|Once a year|Yearly|"    \
    "Annually|Every year|A few times a year|Several times a year|Every few months|Less "      \
    "than monthly|Less than once a month|Quarterly|Once every few months|Una vez al año|"   \
    "Menos de una vez al mes|Ocasionalmente"
#define CF_MONTH "Once a month|Monthly|About once a month|Every month|At least once a month|Mensual|Mensualmente|Una vez al mes"
#define CF_FEWMONTH                                                                           \
    "A few times a month|Several times a month|2-3 times a month|Once or twice a month|Every "\
    "two weeks|Fortnightly|Twice a month|Varias veces al mes"
#define CF_WEEK                                                                               \
    "Once a week|Weekly|About once a week|Every week|At least once a week|Semanal|"           \
    "Semanalmente|Una vez a la semana"
#define CF_FEWWEEK                                                                            \
    "A few times a week|Several times a week|2-3 times a week|2 times per week|2 times a "    \
    "week|Once or twice a week|Twice a week|Varias veces a la semana"
#define CF_DAY                                                                                \
    "Daily|Every day|Once a day|Almost every day|Nearly every day|Most days|Every working "   \
    "day|Diariamente|Todos los días|A diario"
#define CF_MANYDAY "Several times a day|Many times a day|Hourly|Constantly|Varias veces al día"

/* ---- satisfaction ---- */
#define SAT_VD                                                                                \
    "Very dissatisfied|Extremely dissatisfied|Completely dissatisfied|Very unsatisfied|"      \
    "Very unhappy|Muy insatisfecho|Muy insatisfecha|Totalmente insatisfecho"
#define SAT_D                                                                                 \
    "Dissatisfied|Fairly dissatisfied|Mostly dissatisfied|Moderately dissatisfied|"          \
    "Unsatisfied|Quite dissatisfied|Unhappy|Insatisfecho|Insatisfecha"
#define SAT_SD "Somewhat dissatisfied|Slightly dissatisfied|Algo insatisfecho|Poco satisfecho"
#define SAT_N                                                                                 \
    "Neither satisfied nor dissatisfied|Neither satisfied or dissatisfied|Neither "           \
    "dissatisfied nor satisfied|Neutral|Neither|Ni satisfecho ni insatisfecho|Indiferente"
#define SAT_SS "Somewhat satisfied|Slightly satisfied|Algo satisfecho"
#define SAT_S                                                                                 \
    "Satisfied|Fairly satisfied|Mostly satisfied|Moderately satisfied|Quite satisfied|"      \
    "Happy|Satisfecho|Satisfecha|Bastante satisfecho"
#define SAT_VS                                                                                \
    "Very satisfied|Extremely satisfied|Completely satisfied|Very happy|Muy satisfecho|"     \
    "Muy satisfecha|Totalmente satisfecho"

/* ---- importance ---- */
#define IMP_NOT                                                                               \
    "Not at all important|Not important at all|Not important|Unimportant|Nada importante|"   \
    "No importante|Sin importancia"
#define IMP_LITTLE                                                                            \
    "Slightly important|Of little importance|Low importance|A little important|Not very "    \
    "important|Slightly|Poco importante"
#define IMP_MOD                                                                               \
    "Moderately important|Somewhat important|Fairly important|Moderately|Neither important " \
    "nor unimportant|Medium importance|Moderadamente importante|Algo importante"
#define IMP_IMP "Important|Quite important|Importante|Bastante importante"
#define IMP_VERY "Very important|Very|High importance|Muy importante"
#define IMP_TOP                                                                               \
    "Extremely important|Essential|Critical|Absolutely essential|Crucial|Vital|Extremely|"   \
    "Extremadamente importante|Esencial|Imprescindible"

/* ---- likelihood ---- */
#define LK_VU "Very unlikely|Extremely unlikely|Highly unlikely|Muy improbable|Muy poco probable"
#define LK_U "Unlikely|Somewhat unlikely|Fairly unlikely|Improbable|Poco probable"
#define LK_N "Neither likely nor unlikely|Neither likely or unlikely|Neutral|Neither"
#define LK_L "Likely|Somewhat likely|Fairly likely|Probable"
#define LK_VL "Very likely|Extremely likely|Highly likely|Muy probable"

/* ---- quality ---- */
#define QU_VP "Very poor|Very bad|Terrible|Awful|Horrible|Muy malo|Muy mala|Pésimo"
#define QU_P "Poor|Bad|Malo|Mala|Deficiente"
#define QU_F                                                                                  \
    "Fair|Average|Acceptable|OK|Okay|Adequate|Neither good nor poor|Neither good nor bad|"   \
    "Regular|Aceptable|Normal"
#define QU_G "Good|Bueno|Buena"
#define QU_VG "Very good|Muy bueno|Muy buena"
#define QU_EX "Excellent|Outstanding|Excelente"

/* ---- extent ---- */
#define EX_NONE                                                                               \
    "Not at all|To no extent|To little or no extent|To little or no extent at all|Not at "   \
    "all true|En absoluto|Nada"
#define EX_SMALL                                                                              \
    "To a small extent|To a little extent|To a slight extent|To a limited extent|Very "      \
    "little|A little|Slightly|Hardly at all|Poco|Un poco"
#define EX_SOME "To some extent|To a moderate extent|Somewhat|Moderately|Partly|Partially|Algo"
#define EX_LARGE                                                                              \
    "To a large extent|To a great extent|To a considerable extent|Quite a lot|A lot|Very "   \
    "much|Mostly|Considerably|Mucho|Bastante"
#define EX_VLARGE                                                                             \
    "To a very large extent|To a very great extent|Completely|Entirely|Fully|A great "       \
    "deal|Totally|Extremely|Totalmente|Completamente"

/* ---- confidence ---- */
#define CO_NOT                                                                                \
    "Not at all confident|Not confident at all|Not confident|Very unconfident|Very unsure|"  \
    "Nada seguro|Nada confiado"
#define CO_LITTLE                                                                             \
    "Slightly confident|A little confident|Not very confident|Unconfident|Unsure|Somewhat "  \
    "unconfident|Poco seguro|Poco confiado"
#define CO_MOD                                                                                \
    "Somewhat confident|Moderately confident|Fairly confident|Reasonably confident|Neither " \
    "confident nor unconfident|Neutral|Algo seguro"
#define CO_CONF "Confident|Quite confident|Seguro|Bastante seguro"
#define CO_VERY "Very confident|Muy seguro|Muy confiado"
#define CO_TOP "Extremely confident|Completely confident|Totally confident|Totalmente seguro"

/* ---- usefulness, helpfulness, ease, ability, support, amount, knowledge ---- */
#define US_NOT "Not at all useful|Not useful at all|Not useful|Useless|Nada útil|Inútil"
#define US_LITTLE "Slightly useful|A little useful|Of little use|Not very useful|Poco útil"
#define US_MOD "Moderately useful|Somewhat useful|Fairly useful|Algo útil"
#define US_USEFUL "Useful|Quite useful|Útil|Bastante útil"
#define US_VERY "Very useful|Muy útil"
#define US_TOP "Extremely useful|Essential|Indispensable|Extremadamente útil|Imprescindible"
#define HE_NOT "Not at all helpful|Not helpful at all|Not helpful|Unhelpful|Nada útil"
#define HE_LITTLE "Slightly helpful|A little helpful|Not very helpful|Poco útil"
#define HE_MOD "Moderately helpful|Somewhat helpful|Fairly helpful"
#define HE_HELPFUL "Helpful|Quite helpful"
#define HE_VERY "Very helpful"
#define HE_TOP "Extremely helpful|Completely helpful"
#define EA_VD "Very difficult|Very hard|Extremely difficult|Extremely hard|Muy difícil"
#define EA_D "Difficult|Hard|Somewhat difficult|Fairly difficult|Quite difficult|Difícil"
#define EA_N "Neither easy nor difficult|Neither difficult nor easy|Neutral|Neither"
#define EA_E "Easy|Somewhat easy|Fairly easy|Quite easy|Fácil"
#define EA_VE "Very easy|Extremely easy|Muy fácil"
#define AB_NOT "Not at all able|Not able|Unable|Not able at all"
#define AB_SLIGHT "Slightly able|A little able|Somewhat unable"
#define AB_MID "Neutral|Somewhat able|Neither able nor unable|Neither"
#define AB_MOD "Moderately able|Quite able|Able|Very able"
#define AB_TOP "Extremely able|Completely able|Fully able"
#define SU_VU "Very unsupportive|Strongly oppose|Strongly opposed"
#define SU_U "Unsupportive|Somewhat unsupportive|Oppose|Opposed|Somewhat oppose"
#define SU_N "Neither supportive nor unsupportive|Neutral|Neither"
#define SU_S "Supportive|Somewhat supportive|Support|Somewhat support"
#define SU_VS "Very supportive|Strongly support|Strongly supportive"
#define AM_NONE "None|None of it|None of them|Nothing|None at all|Ninguno|Nada"
#define AM_SOME "Some|Some of it|Some of them|A little|A little of it|A few|Algunos|Un poco"
#define AM_HALF "About half|About half of it|About half of them|Half|Half of it|La mitad"
#define AM_MOST "Most|Most of it|Most of them|Much of it|A lot|La mayoría|Casi todo"
#define AM_ALL "All|All of it|All of them|Everything|Todo|Todos"
#define KN_NONE                                                                               \
    "Little or no knowledge|No knowledge|Little knowledge|Little or no knowledge of topic|"  \
    "No knowledge of topic|None"
#define KN_SOME                                                                               \
    "Some knowledge|Some knowledge of topic|Basic knowledge|Moderate knowledge|Moderate "    \
    "knowledge of topic"
#define KN_LOTS                                                                               \
    "Extensive knowledge|Extensive knowledge of topic|A lot of knowledge|Expert "            \
    "knowledge|Good knowledge|Good knowledge of topic"

/* ---- experience, change, yes/no ---- */
#define PR_NONE "No experience|None|Never used|Sin experiencia|Ninguna|Nunca lo he usado"
#define PR_BEGIN "Beginner|Novice|Basic|Elementary|Inicial|Principiante|Básico|Basico"
#define PR_MID "Intermediate|Competent|Moderate|Intermedio|Intermedia"
#define PR_ADV "Advanced|Proficient|Avanzado|Avanzada"
#define PR_EXPERT "Expert|Experto|Experta"
#define CH_MUCHLESS "Much less *|A lot less *|Much worse|Much lower|Mucho menos *|Mucho peor"
#define CH_LESS "Less *|Worse|Lower|Menos *|Peor"
#define CH_SLLESS "Slightly less *|Somewhat less *|A little less *|Slightly worse|Algo menos *"
#define CH_SAME                                                                               \
    "No change|No change *|About the same|The same|Same|Unchanged|Stayed the same|No "       \
    "difference|Igual|Sin cambios"
#define CH_SLMORE "Slightly more *|Somewhat more *|A little more *|Slightly better|Algo más *"
#define CH_MORE "More *|Better|Higher|Más *|Mejor"
#define CH_MUCHMORE "Much more *|A lot more *|Much better|Much higher|Mucho más *|Mucho mejor"
#define YN_NO "No|N|Nope"
#define YN_YES "Yes|Y|Sí|Si|Yep"

/* name, family, description, first value, points, the points (lowest
 * first), non-substantive answers that go with the scale, inferred, usual
 * (the family's common form, preferred when the answers cannot tell) */
static const tcs_scale_def builtin[] = {
    {"agree4", "agreement", "agreement, 4 points, no middle", 1, 4,
     {AG_SD, AG_D "|" AG_SLD, AG_A "|" AG_SLA, AG_SA}, NULL, true, false},
    {"agree5", "agreement", "agreement, 5 points with a middle", 1, 5,
     {AG_SD, AG_D "|" AG_SLD, AG_N, AG_A "|" AG_SLA, AG_SA}, NULL, true, true},
    {"agree6", "agreement", "agreement, 6 points, no middle", 1, 6,
     {AG_SD, AG_D, AG_SLD, AG_SLA, AG_A, AG_SA}, NULL, true, false},
    {"agree7", "agreement", "agreement, 7 points with a middle", 1, 7,
     {AG_SD, AG_D, AG_SLD, AG_N, AG_SLA, AG_A, AG_SA}, NULL, true, true},

    {"frequency4", "frequency", "how often, 4 points (never ... always)", 1, 4,
     {FQ_NEVER "|" FQ_NEVERISH "|" FQ_RARELY, FQ_SOMETIMES,
      FQ_OFTEN "|" FQ_USUALLY "|" FQ_VERYOFTEN, FQ_ALWAYS "|" FQ_ALMOSTALWAYS},
     NULL, true, false},
    {"frequency4b", "frequency", "how often, 4 points (never ... usually)", 1, 4,
     {FQ_NEVER "|" FQ_NEVERISH, FQ_RARELY, FQ_SOMETIMES, FQ_OFTEN "|" FQ_USUALLY}, NULL, true, false},
    {"frequency4c", "frequency", "how often, 4 points (never, rarely, often, always)", 1, 4,
     {FQ_NEVER "|" FQ_NEVERISH, FQ_RARELY, FQ_OFTEN "|" FQ_USUALLY,
      FQ_ALWAYS "|" FQ_ALMOSTALWAYS},
     NULL, true, false},
    {"frequency5", "frequency", "how often, 5 points (never, rarely, sometimes, often, always)",
     1, 5,
     {FQ_NEVER "|" FQ_NEVERISH, FQ_RARELY, FQ_SOMETIMES, FQ_OFTEN "|" FQ_USUALLY "|" FQ_VERYOFTEN,
      FQ_ALWAYS "|" FQ_ALMOSTALWAYS},
     NULL, true, true},
    {"frequency5b", "frequency", "how often, 5 points (never, sometimes, often, very often, always)",
     1, 5, {FQ_NEVER "|" FQ_NEVERISH "|" FQ_RARELY, FQ_SOMETIMES, FQ_OFTEN, FQ_VERYOFTEN "|"
     FQ_USUALLY "|" FQ_ALMOSTALWAYS, FQ_ALWAYS}, NULL, true, false},
    {"frequency6", "frequency", "how often, 6 points (never ... almost always, always)", 1, 6,
     {FQ_NEVER, FQ_NEVERISH "|" FQ_RARELY, FQ_SOMETIMES, FQ_OFTEN,
      FQ_VERYOFTEN "|" FQ_USUALLY "|" FQ_ALMOSTALWAYS, FQ_ALWAYS},
     NULL, true, false},
    {"frequency7", "frequency", "how often, 7 points", 1, 7,
     {FQ_NEVER, FQ_RARELY, "Occasionally", "Sometimes|About half the time",
      FQ_OFTEN, FQ_USUALLY "|" FQ_VERYOFTEN "|" FQ_ALMOSTALWAYS, FQ_ALWAYS},
     NULL, true, false},

    {"calendar4", "calendar", "how often per period, 4 points (less than monthly ... daily)", 1,
     4, {CF_RARE, CF_MONTH "|" CF_FEWMONTH, CF_WEEK "|" CF_FEWWEEK, CF_DAY "|" CF_MANYDAY}, NULL,
     true, false},
    {"calendar5", "calendar", "how often per period, 5 points (never ... daily)", 1, 5,
     {CF_NEVER, CF_RARE, CF_MONTH "|" CF_FEWMONTH, CF_WEEK "|" CF_FEWWEEK, CF_DAY "|" CF_MANYDAY},
     NULL, true, false},
    {"calendar5b", "calendar",
     "how often per period, 5 points (less than monthly ... a few times a week)", 1, 5,
     {CF_RARE, CF_MONTH, CF_FEWMONTH, CF_WEEK, CF_FEWWEEK "|" CF_DAY}, NULL, true, false},
    {"calendar6", "calendar", "how often per period, 6 points (never ... daily)", 1, 6,
     {CF_NEVER, CF_RARE, CF_MONTH "|" CF_FEWMONTH, CF_WEEK, CF_FEWWEEK, CF_DAY "|" CF_MANYDAY},
     NULL, true, false},
    {"calendar7", "calendar", "how often per period, 7 points (never ... several times a day)", 1,
     7, {CF_NEVER, CF_RARE, CF_MONTH "|" CF_FEWMONTH, CF_WEEK, CF_FEWWEEK, CF_DAY, CF_MANYDAY},
     NULL, true, false},

    {"satisfaction4", "satisfaction", "satisfaction, 4 points, no middle", 1, 4,
     {SAT_VD, SAT_D "|" SAT_SD, SAT_S "|" SAT_SS, SAT_VS}, NULL, true, false},
    {"satisfaction5", "satisfaction", "satisfaction, 5 points with a middle", 1, 5,
     {SAT_VD, SAT_D "|" SAT_SD, SAT_N, SAT_S "|" SAT_SS, SAT_VS}, NULL, true, true},
    {"satisfaction7", "satisfaction", "satisfaction, 7 points with a middle", 1, 7,
     {SAT_VD, SAT_D, SAT_SD, SAT_N, SAT_SS, SAT_S, SAT_VS}, NULL, true, false},

    {"importance3", "importance", "importance, 3 points", 1, 3,
     {IMP_NOT, IMP_MOD "|" IMP_IMP, IMP_VERY "|" IMP_TOP}, NULL, true, false},
    {"importance4", "importance", "importance, 4 points", 1, 4,
     {IMP_NOT, IMP_LITTLE "|" IMP_MOD, IMP_IMP, IMP_VERY "|" IMP_TOP}, NULL, true, false},
    {"importance5", "importance", "importance, 5 points (not at all ... extremely)", 1, 5,
     {IMP_NOT, IMP_LITTLE, IMP_MOD, IMP_VERY "|" IMP_IMP, IMP_TOP}, NULL, true, true},
    {"importance5b", "importance", "importance, 5 points (not ... important, very important)", 1,
     5, {IMP_NOT, IMP_LITTLE, IMP_MOD, IMP_IMP, IMP_VERY}, NULL, true, true},

    {"likelihood4", "likelihood", "likelihood, 4 points, no middle", 1, 4,
     {LK_VU, LK_U, LK_L, LK_VL}, NULL, true, false},
    {"likelihood5", "likelihood", "likelihood, 5 points with a middle", 1, 5,
     {LK_VU, LK_U, LK_N, LK_L, LK_VL}, NULL, true, true},
    {"definitely4", "likelihood", "likelihood in yes/no words, 4 points", 1, 4,
     {"Definitely not|Certainly not|No|Definitivamente no", "Probably not|Probablemente no",
      "Probably|Probably yes|Probablemente sí|Probablemente si",
      "Definitely|Definitely yes|Yes definitely|Certainly|Definitivamente sí|Definitivamente si"},
     NULL, true, false},
    {"definitely5", "likelihood", "likelihood in yes/no words, 5 points", 1, 5,
     {"Definitely not|Certainly not|Definitivamente no", "Probably not|Probablemente no",
      "Might or might not|Maybe|Possibly|Perhaps|Quizás|Tal vez",
      "Probably|Probably yes|Probablemente sí|Probablemente si",
      "Definitely|Definitely yes|Yes definitely|Certainly|Definitivamente sí|Definitivamente si"},
     NULL, true, true},

    {"quality4", "quality", "quality, 4 points (poor, fair, good, excellent)", 1, 4,
     {QU_P "|" QU_VP, QU_F, QU_G, QU_EX "|" QU_VG}, NULL, true, false},
    {"quality5", "quality", "quality, 5 points (very poor ... very good)", 1, 5,
     {QU_VP, QU_P, QU_F, QU_G, QU_VG "|" QU_EX}, NULL, true, true},
    {"quality5b", "quality", "quality, 5 points (poor ... excellent)", 1, 5,
     {QU_P, QU_F, QU_G, QU_VG, QU_EX}, NULL, true, false},

    {"extent4", "extent", "extent, 4 points", 1, 4,
     {EX_NONE "|" EX_SMALL, EX_SOME, EX_LARGE, EX_VLARGE}, NULL, true, false},
    {"extent5", "extent", "extent, 5 points (not at all ... a very great extent)", 1, 5,
     {EX_NONE, EX_SMALL, EX_SOME, EX_LARGE, EX_VLARGE}, NULL, true, true},

    {"confidence4", "confidence", "confidence, 4 points", 1, 4,
     {CO_NOT, CO_LITTLE, CO_MOD "|" CO_CONF, CO_VERY "|" CO_TOP}, NULL, true, true},
    {"confidence5", "confidence", "confidence, 5 points", 1, 5,
     {CO_NOT, CO_LITTLE, CO_MOD, CO_CONF "|" CO_VERY, CO_TOP}, NULL, true, false},

    {"usefulness4", "usefulness", "usefulness, 4 points", 1, 4,
     {US_NOT, US_LITTLE "|" US_MOD, US_USEFUL, US_VERY "|" US_TOP}, NULL, true, false},
    {"usefulness5", "usefulness", "usefulness, 5 points", 1, 5,
     {US_NOT, US_LITTLE, US_MOD, US_VERY "|" US_USEFUL, US_TOP}, NULL, true, true},
    {"helpfulness4", "helpfulness", "helpfulness, 4 points", 1, 4,
     {HE_NOT, HE_LITTLE "|" HE_MOD, HE_HELPFUL, HE_VERY "|" HE_TOP}, NULL, true, false},
    {"helpfulness5", "helpfulness", "helpfulness, 5 points", 1, 5,
     {HE_NOT, HE_LITTLE, HE_MOD, HE_VERY "|" HE_HELPFUL, HE_TOP}, NULL, true, true},
    {"ease5", "ease", "ease, 5 points (very difficult ... very easy)", 1, 5,
     {EA_VD, EA_D, EA_N, EA_E, EA_VE}, NULL, true, true},
    {"ability5", "ability", "ability, 5 points (not at all able ... extremely able)", 1, 5,
     {AB_NOT, AB_SLIGHT, AB_MID, AB_MOD, AB_TOP}, NULL, true, true},
    {"support4", "support", "support, 4 points, no middle", 1, 4,
     {SU_VU, SU_U, SU_S, SU_VS}, NULL, true, false},
    {"support5", "support", "support, 5 points with a middle", 1, 5,
     {SU_VU, SU_U, SU_N, SU_S, SU_VS}, NULL, true, true},
    {"amount4", "amount", "amount, 4 points (none, very little, some, all)", 1, 4,
     {AM_NONE, "Very little|A little|Little|A bit|Very little of it|Muy poco",
      "Some|Some of it|Some of them|Most|Most of it|Most of them|Algunos|La mayoría", AM_ALL},
     NULL, true, false},
    {"amount5", "amount", "amount, 5 points (none ... all of it)", 1, 5,
     {AM_NONE, AM_SOME, AM_HALF, AM_MOST, AM_ALL}, NULL, true, true},
    {"knowledge3", "knowledge", "knowledge, 3 points (little or none, some, extensive)", 1, 3,
     {KN_NONE, KN_SOME, KN_LOTS}, NULL, true, true},
    {"experience4", "experience", "experience, 4 points (none, beginner, intermediate, expert)", 1,
     4, {PR_NONE, PR_BEGIN, PR_MID, PR_EXPERT "|" PR_ADV}, NULL, true, true},
    {"experience5", "experience", "experience, 5 points (none ... expert)", 1, 5,
     {PR_NONE, PR_BEGIN, PR_MID, PR_ADV, PR_EXPERT}, NULL, true, false},
    {"change3", "change", "change, 3 points (decrease, stay the same, increase)", 1, 3,
     {"Decrease|Decreased|Go down|Gone down|Worse|Less|Fewer|Disminuya|Disminuir|Disminuirá|"
      "Menos",
      "Stay the same|Stayed the same|No change|The same|Same|Unchanged|About the same|Siga "
      "igual|Igual|Sin cambios",
      "Increase|Increased|Go up|Gone up|Better|More|Aumente|Aumentar|Aumentará|Más"},
     NULL, true, false},
    {"change5", "change", "change, 5 points (much less ... much more)", 1, 5,
     {CH_MUCHLESS, CH_LESS "|" CH_SLLESS, CH_SAME, CH_MORE "|" CH_SLMORE, CH_MUCHMORE}, NULL,
     true, true},
    {"change7", "change", "change, 7 points (much less ... much more)", 1, 7,
     {CH_MUCHLESS, CH_LESS, CH_SLLESS, CH_SAME, CH_SLMORE, CH_MORE, CH_MUCHMORE}, NULL, true, false},
    {"yesno", "yes/no", "yes or no (0 no, 1 yes: the mean is the share of yes)", 0, 2,
     {YN_NO, YN_YES}, NULL, true, true},
    {"yesno3", "yes/no", "no, partly, yes", 1, 3,
     {YN_NO,
      "Partly|Partially|Somewhat|To some extent|In part|Neutral|Sort of|Maybe|Perhaps|En "
      "parte|Más o menos|Quizás|Tal vez",
      YN_YES},
     NULL, true, false},
};

size_t tcs_scale_builtin_count(void) { return sizeof builtin / sizeof builtin[0]; }

const tcs_scale_def *tcs_scale_builtin(size_t i)
{
    return i < tcs_scale_builtin_count() ? &builtin[i] : NULL;
}
