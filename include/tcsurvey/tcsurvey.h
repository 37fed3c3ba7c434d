/* tcsurvey.h - everything of libtcsurvey, in pipeline order. */
#ifndef TCSURVEY_H
#define TCSURVEY_H

#include "tcsurvey/error.h"
#include "tcsurvey/text.h"
#include "tcsurvey/escape.h"
#include "tcsurvey/fs.h"
#include "tcsurvey/reader.h"
#include "tcsurvey/layout.h"
#include "tcsurvey/question.h"
#include "tcsurvey/scale.h"
#include "tcsurvey/codebook.h"
#include "tcsurvey/survey.h"
#include "tcsurvey/stats.h"
#include "tcsurvey/compare.h"
#include "tcsurvey/pillar.h"
#include "tcsurvey/waves.h"
#include "tcsurvey/groups.h"
#include "tcsurvey/population.h"
#include "tcsurvey/targets.h"
#include "tcsurvey/check.h"
#include "tcsurvey/output.h"
#include "tcsurvey/gnuplot.h"
#include "tcsurvey/plot.h"
#include "tcsurvey/report.h"
#include "tcsurvey/build.h"
#include "tcsurvey/draft.h"

#define TCSURVEY_VERSION "0.1.0"

#endif
