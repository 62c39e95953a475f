/* catalogue.h: every text bijsim writes for readers, in English and Dutch,
 * in one place (analysis/lang.h reads it). To translate a new text, add its
 * row here: tests/test_lang.c fails while an indicator, a domain member or a
 * message lacks its Dutch, or a translation lacks a placeholder.
 *
 * - BS_MSG_LIST: the report's own texts, M(id, English, Dutch). {1}..{9}
 *   are the values the report fills in (numbers already formatted, names);
 *   markup (<strong>, <em>, <code>) is the message's own. The number format
 *   is here too (decimal mark, thousands, units), so a language is one
 *   column of this file.
 * - The Dutch of the indicators and domain members, by the name the code
 *   uses; their English stays with their definition (indicator_table.h,
 *   models/domain.h, analysis/effect.h).
 * - The Dutch formats of the client trace's sentences, by trace code
 *   (BS_NL_TRACE_LIST; tests/test_trace.c checks their conversions). */
#ifndef BIJSIM_CATALOGUE_H
#define BIJSIM_CATALOGUE_H

/* -------------------------------------------------------------- messages
 * M(id, English, Dutch). Plain text where the report escapes it (headings,
 * chart labels); markup is allowed where it writes it as it is (sentences,
 * captions). */
#define BS_MSG_LIST(M)                                                                              \
  /* the number format */                                                                           \
  M(decimal_mark, ".", ",")                                                                         \
  M(group_mark, ",", ".")                                                                           \
  M(unit_pp, " pp", " %-punt")                                                                      \
  M(unit_days, " days", " dagen")                                                                   \
  M(unit_days_word, "days", "dagen")                                                                \
  M(eur_prefix, "\xe2\x82\xac", "\xe2\x82\xac ")                                                    \
  M(eur_million, " m", " mln")                                                                      \
  M(na, "n/a", "n.b.")                                                                              \
  M(na_no_data, "n/a (no data)", "n.b. (geen gegevens)")                                            \
  M(range_to, "{1} to {2}", "{1} tot {2}")                                                          \
  M(tip_interval, " (95% interval {1} to {2})", " (95%-interval {1} tot {2})")                      \
  M(tip_at, "{1} at {2}", "{1} bij {2}")                                                            \
  M(ci95, "95% interval {1}", "95%-interval {1}")                                                   \
  M(from_to, "{1} \xe2\x86\x92 {2}", "{1} \xe2\x86\x92 {2}")                                        \
  M(day_n, "day {1}", "dag {1}")                                                                    \
  /* the page */                                                                                    \
  M(page_title, "bijsim {1} report: {2}", "bijsim-rapport ({1}): {2}")                              \
  M(title_compare, "Policy comparison: ", "Beleidsvergelijking: ")                                  \
  M(title_vs, " vs ", " tegen ")                                                                    \
  M(title_effect, "Net effect of {1} in scenario {2}", "Netto-effect van {1} in scenario {2}")      \
  M(title_sweep, "Sensitivity of scenario {1}", "Gevoeligheid van scenario {1}")                    \
  M(title_run, "Scenario report: {1}", "Scenariorapport: {1}")                                      \
  M(meta_version, "bijsim {1} &middot; seed {2} &middot; {3} replications per scenario",            \
    "bijsim {1} &middot; seed {2} &middot; {3} replicaties per scenario")                           \
  M(meta_period, "simulated period {1} days ({2} years)",                                           \
    "gesimuleerde periode {1} dagen ({2} jaar)")                                                    \
  M(meta_cohort, "cohort: benefit starts on days {1}&ndash;{2}",                                    \
    "cohort: uitkeringen gestart op dag {1}&ndash;{2}")                                             \
  M(toc_findings, "Key findings", "Bevindingen")                                                    \
  M(toc_scenarios, "Scenarios", "Scenario's")                                                       \
  M(toc_indicators, "Indicators", "Indicatoren")                                                    \
  M(toc_charts, "Charts", "Grafieken")                                                              \
  M(toc_differences, "Differences", "Verschillen")                                                  \
  M(toc_effect, "Net effect", "Netto-effect")                                                       \
  M(toc_survival, "Spell durations", "Uitkeringsduur")                                              \
  M(toc_caseload, "Caseload", "Bestand")                                                            \
  M(toc_flow, "Flow", "Stroom")                                                                     \
  M(toc_sweep, "Sweep", "Parameterreeks")                                                           \
  M(toc_assumptions, "Assumptions", "Aannames")                                                     \
  M(toc_method, "Method", "Methode")                                                                \
  /* key findings */                                                                                \
  M(findings, "Key findings", "Belangrijkste bevindingen")                                          \
  M(variant_vs_base, "{1} compared with {2}", "{1} vergeleken met {2}")                             \
  M(headline_budget, "<strong>Net effect on the budgets</strong>, {1}:",                            \
    "<strong>Netto-effect op de budgetten</strong>, {1}:")                                          \
  M(of_which, "Of which:", "Waarvan:")                                                              \
  M(distinguishable, "distinguishable from simulation noise",                                       \
    "te onderscheiden van simulatieruis")                                                           \
  M(within_chance, "within chance", "binnen het toeval")                                            \
  M(not_distinguishable_from_zero, "not distinguishable from zero",                                 \
    "niet te onderscheiden van nul")                                                                \
  M(no_relevant_difference,                                                                         \
    "No other difference is both distinguishable from simulation noise and at least the "           \
    "practical-relevance threshold.",                                                               \
    "Geen ander verschil is zowel te onderscheiden van simulatieruis als minstens zo groot als "    \
    "de drempel voor praktische relevantie.")                                                       \
  M(findings_rest,                                                                                  \
    "Not listed: {1} more relevant differences, {2} distinguishable from simulation noise but "     \
    "smaller than the threshold, and {3} within chance (all in the tables below and "               \
    "compare.csv).",                                                                                \
    "Niet genoemd: nog {1} relevante verschillen, {2} die te onderscheiden zijn van "               \
    "simulatieruis maar kleiner dan de drempel, en {3} binnen het toeval (alle in de tabellen "     \
    "hieronder en in compare.csv).")                                                                \
  M(thresholds,                                                                                     \
    "Practically relevant here: a difference of at least {1} for shares, {2} for durations, {3} "   \
    "for money and {4} of the larger value for counts (the base scenario's <code>report:</code> "   \
    "section).",                                                                                    \
    "Praktisch relevant is hier een verschil van minstens {1} bij aandelen, {2} bij duren, {3} "    \
    "bij geld en {4} van de grootste waarde bij aantallen (de sectie <code>report:</code> van "     \
    "het basisscenario).")                                                                          \
  M(colours_note,                                                                                   \
    "Blue: better for the municipality; orange: worse; grey: the indicator has no better "          \
    "direction (the indicator table says which way is better). The intervals cover simulation "     \
    "noise only.",                                                                                  \
    "Blauw: beter voor de gemeente; oranje: slechter; grijs: de indicator heeft geen betere "       \
    "richting (de indicatorentabel zegt welke kant beter is). De intervallen dekken alleen "        \
    "simulatieruis.")                                                                               \
  M(verdict_better, "better for the municipality", "beter voor de gemeente")                        \
  M(verdict_better_short, "better", "beter")                                                        \
  M(verdict_worse, "worse for the municipality", "slechter voor de gemeente")                       \
  M(verdict_worse_short, "worse", "slechter")                                                       \
  M(verdict_different, "a difference", "een verschil")                                              \
  M(verdict_different_short, "different", "anders")                                                 \
  M(verdict_small, "too small to matter", "te klein om toe doen")                                   \
  M(verdict_small_short, "too small", "te klein")                                                   \
  M(verdict_chance, "within chance", "binnen het toeval")                                           \
  M(verdict_chance_short, "chance", "toeval")                                                       \
  M(verdict_none, "no interval", "geen interval")                                                   \
  M(warn_one_replication,                                                                           \
    "<strong>Only one replication was run</strong>, so there are no intervals and nothing can "     \
    "be told apart from chance: use <code>--replications 10</code> or more.",                       \
    "<strong>Er is maar één replicatie gedraaid</strong>, dus er zijn geen intervallen en niets " \
    "is van toeval te onderscheiden: gebruik <code>--replications 10</code> of meer.")              \
  M(warn_precision_not_reached,                                                                     \
    "<strong>The requested precision was not reached</strong> within {1} replications (the "        \
    "maximum): the intervals below are wider than asked for.",                                      \
    "<strong>De gevraagde precisie is niet bereikt</strong> binnen {1} replicaties (het "           \
    "maximum): de intervallen hieronder zijn breder dan gevraagd.")                                 \
  M(warn_headline_chance,                                                                           \
    "<strong>The net effect on the budgets is within chance</strong> with {1} replications: it "    \
    "cannot be told apart from simulation noise yet. Run more replications before drawing a "       \
    "conclusion from it, e.g. with <code>{2}</code>, which adds replications until the paired "     \
    "interval is that narrow.",                                                                     \
    "<strong>Het netto-effect op de budgetten ligt binnen het toeval</strong> bij {1} "             \
    "replicaties: het is nog niet van simulatieruis te onderscheiden. Draai meer replicaties "      \
    "voordat u er een conclusie uit trekt, bijvoorbeeld met <code>{2}</code>, dat replicaties "     \
    "toevoegt tot het gepaarde interval zo smal is.")                                               \
  M(effect_participants,                                                                            \
    "On average <strong>{1}</strong> clients of the cohort took part per replication.",             \
    "Gemiddeld deden <strong>{1}</strong> cliënten van het cohort per replicatie mee.")             \
  M(effect_nobody,                                                                                  \
    "Nobody took part, so there is no effect to measure: is the instrument switched on in this "    \
    "scenario?",                                                                                    \
    "Niemand deed mee, dus er is geen effect te meten: staat het instrument aan in dit "            \
    "scenario?")                                                                                    \
  M(effect_gross,                                                                                   \
    "Of the participants, <strong>{1}</strong> left benefit within 12 months. Without the "         \
    "instrument the same persons would have left in <strong>{2}</strong> of cases.",                \
    "Van de deelnemers verliet <strong>{1}</strong> binnen 12 maanden de uitkering. Zonder het "    \
    "instrument zouden dezelfde personen in <strong>{2}</strong> van de gevallen zijn "             \
    "uitgestroomd.")                                                                                \
  M(effect_net, "Net effect: <strong>{1}</strong>", "Netto-effect: <strong>{1}</strong>")           \
  M(effect_deadweight,                                                                              \
    "Deadweight: <strong>{1}</strong> of the participants' outflow would have happened anyway.",    \
    "Dead weight: <strong>{1}</strong> van de uitstroom van de deelnemers was er toch wel "         \
    "gekomen.")                                                                                     \
  M(run_finding_1a, "Of the clients who started benefit in the cohort window, ",                    \
    "Van de cliënten die in het cohortvenster een uitkering kregen, zat ")                          \
  M(run_finding_1b, " were still on benefit a year later (langdurigheidsratio).",                   \
    " een jaar later nog in de uitkering (langdurigheidsratio).")                                   \
  M(run_finding_2a, " left for regular work within 12 months; half of the spells ended within ",    \
    " stroomde binnen 12 maanden uit naar regulier werk; de helft van de uitkeringen eindigde "     \
    "binnen ")                                                                                      \
  M(run_finding_3a,                                                                                 \
    " of the long-term clients with work obligations had a trajectory offer in their first "        \
    "year; the administration would report ",                                                       \
    " van de langdurige cliënten met arbeidsplicht kreeg in het eerste jaar een trajectaanbod; "   \
    "de administratie zou melden: ")                                                                \
  M(run_finding_4a, "Total spending over the period (inkomensdeel + werkdeel + consultants): ",     \
    "Totale uitgaven over de periode (inkomensdeel + werkdeel + consulenten): ")                    \
  M(sweep_finding, "<strong>{1}</strong> (<code>{2}</code>), {3}, from {4} to {5}:",                \
    "<strong>{1}</strong> (<code>{2}</code>), {3}, van {4} naar {5}:")                              \
  M(sweep_nothing_relevant,                                                                         \
    "No swept parameter moved a main indicator by at least the practical-relevance threshold "      \
    "over its values.",                                                                             \
    "Geen van de gevarieerde parameters verschoof een hoofdindicator over zijn waarden met "        \
    "minstens de drempel voor praktische relevantie.")                                              \
  /* scenarios */                                                                                   \
  M(scenarios, "Scenarios and key parameters", "Scenario's en belangrijkste parameters")            \
  M(scenarios_explain,                                                                              \
    "What was simulated. Every scenario is a YAML file; the values below are the resolved "         \
    "parameters (after <code>extends</code>) as recorded in run.json.",                             \
    "Wat is gesimuleerd. Elk scenario is een YAML-bestand; de waarden hieronder zijn de "           \
    "uiteindelijke parameters (na <code>extends</code>) zoals vastgelegd in run.json.")             \
  M(parameter, "Parameter", "Parameter")                                                            \
  M(scenario_file, "Scenario file", "Scenariobestand")                                              \
  M(every_param_differs, "Every parameter that differs from {1}",                                   \
    "Alle parameters die afwijken van {1}")                                                         \
  M(no_param_differs, "No parameter differs (only the name).",                                      \
    "Geen parameter wijkt af (alleen de naam).")                                                    \
  M(effect_same_file,                                                                               \
    "Both runs use the same scenario file; in <strong>{1}</strong> the instrument ({2}) is "        \
    "switched off for the same persons: the counterfactual.",                                       \
    "Beide runs gebruiken hetzelfde scenariobestand; in <strong>{1}</strong> staat het "            \
    "instrument ({2}) uit voor dezelfde personen: de counterfactual.")                              \
  M(kp_horizon, "Simulated period (days)", "Gesimuleerde periode (dagen)")                          \
  M(kp_applications, "Applications per year", "Aanvragen per jaar")                                 \
  M(kp_stock, "Clients on benefit at the start", "Cliënten in de uitkering bij de start")           \
  M(kp_claim_intake, "Claim intake (uitkeringsintake) by", "Uitkeringsintake door")                 \
  M(kp_kwint, "Qualifying intake (Kwint)", "Kwalificerende intake (Kwint)")                         \
  M(kp_home_visits, "Home visits at application (huisbezoek)", "Huisbezoek bij de aanvraag")        \
  M(kp_wf_gate, "Work-first at the gate", "Work-first aan de poort")                                \
  M(kp_cm_model, "Case management (integral / separate)",                                           \
    "Klantmanagement (integraal / gescheiden)")                                                     \
  M(kp_fte, "Consultants (FTE)", "Consulenten (fte)")                                               \
  M(kp_work_first, "Work-first (production house)", "Work-first (productiehuis)")                   \
  M(kp_trajectory, "Re-integration trajectories", "Re-integratietrajecten")                         \
  M(kp_offer_order, "Order of trajectory offers", "Volgorde van trajectaanbiedingen")               \
  M(kp_effort_share, "Paid for effort without outflow (no cure, less pay)",                         \
    "Betaald voor inspanning zonder uitstroom (no cure, less pay)")                                 \
  M(kp_activation, "Social activation (sociale activering)", "Sociale activering")                  \
  M(kp_hh, "Strict enforcement (hoogwaardig handhaven)", "Hoogwaardig handhaven")                   \
  M(kp_job_rate, "Job-finding rate per year (at distance 0)", "Baankans per jaar (op afstand 0)")   \
  /* indicators */                                                                                  \
  M(indicators, "Main indicators", "Hoofdindicatoren")                                              \
  M(indicators_explain,                                                                             \
    "Mean over the replications, with the 95% interval in which the true model mean lies "          \
    "(Student-t over replications) below it. Shares are of the cohort that started benefit in "     \
    "the cohort window; money and counts are over the whole simulated period.",                     \
    "Gemiddelde over de replicaties, met daaronder het 95%-interval waarin het ware "               \
    "modelgemiddelde ligt (Student-t over de replicaties). Aandelen zijn van het cohort dat in "    \
    "het cohortvenster instroomde; geld en aantallen gelden voor de hele gesimuleerde periode.")    \
  M(indicators_explain_diff,                                                                        \
    "The difference columns compare each variant with the first scenario on the same "              \
    "simulated persons (paired), with what the difference means for the municipality.",             \
    "De verschilkolommen vergelijken elke variant met het eerste scenario op dezelfde "             \
    "gesimuleerde personen (gepaard), met wat het verschil voor de gemeente betekent.")             \
  M(only_one_replication,                                                                           \
    "Only one replication was run, so there are no intervals: use <code>--replications "            \
    "10</code> or more.",                                                                           \
    "Er is maar één replicatie gedraaid, dus er zijn geen intervallen: gebruik "                  \
    "<code>--replications 10</code> of meer.")                                                      \
  M(indicator, "Indicator", "Indicator")                                                            \
  M(scenario, "Scenario", "Scenario")                                                               \
  M(mean, "Mean (95% interval)", "Gemiddelde (95%-interval)")                                       \
  M(mean_only, "Mean", "Gemiddelde")                                                                \
  M(difference, "Difference (95% interval)", "Verschil (95%-interval)")                             \
  M(verdict_hd, "Verdict", "Oordeel")                                                               \
  M(all_indicators, "All indicators (summary.csv)", "Alle indicatoren (summary.csv)")               \
  M(all_differences, "All paired differences (compare.csv)",                                        \
    "Alle gepaarde verschillen (compare.csv)")                                                      \
  /* targets */                                                                                     \
  M(targets, "Against the observed figures", "Vergeleken met de waargenomen cijfers")               \
  M(targets_explain,                                                                                \
    "Figures observed in the real municipality or in the seed reports, as the scenario declares "   \
    "them under <code>targets</code>, next to the simulated mean and its 95% interval. "            \
    "<em>Inside</em>: the whole interval lies in the range the figure is judged against. "          \
    "<em>Mean inside</em>: the mean does, but the interval reaches outside it; with a small "       \
    "cohort (a few dozen clients) the interval of 50 replications can be as wide as the range "     \
    "itself, and more replications narrow it. <em>Outside</em>: the mean lies outside the range.",  \
    "Cijfers die in de echte gemeente of in de bronrapporten zijn waargenomen, zoals het "          \
    "scenario ze onder <code>targets</code> opgeeft, naast het gesimuleerde gemiddelde en zijn "    \
    "95%-interval. <em>Binnen</em>: het hele interval ligt in het bereik waaraan het cijfer "       \
    "wordt getoetst. <em>Gemiddelde binnen</em>: het gemiddelde wel, maar het interval reikt "      \
    "erbuiten; bij een klein cohort (enkele tientallen cliënten) kan het interval van 50 "         \
    "replicaties zo breed zijn als het bereik zelf, en meer replicaties maken het smaller. "        \
    "<em>Buiten</em>: het gemiddelde ligt buiten het bereik.")                                      \
  M(observed_range, "Observed (range)", "Waargenomen (bereik)")                                     \
  M(simulated_ci, "Simulated (95% interval)", "Gesimuleerd (95%-interval)")                         \
  M(source, "Source", "Bron")                                                                       \
  M(observed, "Observed", "Waargenomen")                                                            \
  M(target_inside, "inside", "binnen")                                                              \
  M(target_mean_inside, "mean inside", "gemiddelde binnen")                                         \
  M(target_outside, "outside", "buiten")                                                            \
  /* charts */                                                                                      \
  M(charts, "The chain in numbers", "De keten in cijfers")                                          \
  M(chart_cohort_title, "Cohort indicators of the national monitor (share of clients, %)",          \
    "Cohortindicatoren van de landelijke monitor (aandeel cliënten, %)")                            \
  M(chart_cohort_svg, "Cohort indicators per scenario", "Cohortindicatoren per scenario")           \
  M(share_of_clients, "share of clients", "aandeel cliënten")                                       \
  M(share_of_cohort, "share of the cohort", "aandeel van het cohort")                               \
  M(share_of_group, "share of the group", "aandeel van de groep")                                   \
  M(chart_compliance, "compliance\n(complianceratio)", "bereik\n(complianceratio)")                 \
  M(chart_longterm, "still on benefit\nafter 12 months", "na 12 maanden nog\nin de uitkering")      \
  M(chart_closing, "offer within\nyear one (sluiting)", "aanbod in het\neerste jaar (sluiting)")    \
  M(chart_out_with, "outflow with\ntrajectory", "uitstroom\nmet traject")                           \
  M(chart_out_without, "outflow without\ntrajectory", "uitstroom\nzonder traject")                  \
  M(chart_cohort_caption,                                                                           \
    "The five ratios of the seed's chapter 5 for the cohort that started benefit in the cohort "    \
    "window, as simulated (true). Bars show the mean over replications; the black whiskers the "    \
    "95% interval. Lower 'still on benefit' is better; higher compliance and closing ratios mean "  \
    "more clients were reached.",                                                                   \
    "De vijf ratio's uit hoofdstuk 5 van de bron voor het cohort dat in het cohortvenster "         \
    "instroomde, zoals gesimuleerd (werkelijk). De staven tonen het gemiddelde over de "            \
    "replicaties, de zwarte lijntjes het 95%-interval. Een lager aandeel 'nog in de uitkering' "    \
    "is beter; een hoger bereik en een hogere sluitingsratio betekenen dat meer cliënten zijn "    \
    "bereikt.")                                                                                     \
  M(series_true, "true (simulated)", "werkelijk (gesimuleerd)")                                     \
  M(series_registered, "as registered", "zoals geregistreerd")                                      \
  M(chart_registered_svg, "True versus registered indicators, {1}",                                 \
    "Werkelijke en geregistreerde indicatoren, {1}")                                                \
  M(chart_registered_title, "What the administration sees: true versus registered ({1}, %)",        \
    "Wat de administratie ziet: werkelijk tegenover geregistreerd ({1}, %)")                        \
  M(chart_registered_caption,                                                                       \
    "The same indicators computed from the simulated administration, with its registration "        \
    "delays, trajectories never entered and stale exemption flags. The gap is why a national "      \
    "monitor and local records disagree.",                                                          \
    "Dezelfde indicatoren, berekend uit de gesimuleerde administratie met haar "                    \
    "registratievertragingen, nooit ingevoerde trajecten en verouderde ontheffingsvlaggen. Dit "    \
    "verschil is waarom een landelijke monitor en de eigen registratie niet overeenkomen.")         \
  M(chart_routes_title, "Why clients left within 12 months (share of the cohort, %)",               \
    "Waarom cliënten binnen 12 maanden uitstroomden (aandeel van het cohort, %)")                   \
  M(chart_routes_svg, "Outflow within 12 months by route",                                          \
    "Uitstroom binnen 12 maanden naar route")                                                       \
  M(chart_routes_caption,                                                                           \
    "Share of the cohort that left benefit within a year of starting, by the reason they left. "    \
    "Work routes (regular, subsidised, funded) are what re-integration aims at.",                   \
    "Aandeel van het cohort dat binnen een jaar na de start de uitkering verliet, naar de reden. "  \
    "De routes naar werk (regulier, gesubsidieerd, gefinancierd) zijn waar re-integratie op "       \
    "mikt.")                                                                                        \
  M(chart_money_title, "Money over the simulated period (EUR)",                                     \
    "Geld over de gesimuleerde periode (EUR)")                                                      \
  M(chart_money_svg, "Spending per budget", "Uitgaven per budget")                                  \
  M(eur_over_period, "EUR over the period", "EUR over de periode")                                  \
  M(chart_money_benefit, "benefit paid\n(inkomensdeel)", "betaalde uitkering\n(inkomensdeel)")      \
  M(chart_money_werkdeel, "re-integration\n(werkdeel)", "re-integratie\n(werkdeel)")                \
  M(chart_money_consultants, "consultants", "consulenten")                                          \
  M(chart_money_total, "total", "totaal")                                                           \
  M(chart_money_caption,                                                                            \
    "Under the WWB the municipality keeps what it saves on the income budget (inkomensdeel) and "   \
    "pays re-integration from the work budget (werkdeel); the consultants from its own funds. "     \
    "Totals over the whole simulated period, all clients.",                                         \
    "Onder de WWB houdt de gemeente wat zij op het inkomensdeel bespaart en betaalt zij "           \
    "re-integratie uit het werkdeel; de consulenten uit eigen middelen. Totalen over de hele "      \
    "gesimuleerde periode, alle cliënten.")                                                         \
  /* differences */                                                                                 \
  M(differences, "Paired differences: each variant minus {1}",                                      \
    "Gepaarde verschillen: elke variant min {1}")                                                   \
  M(differences_explain,                                                                            \
    "Every scenario simulated the same persons with the same luck (common random numbers), so "     \
    "the difference is taken replication by replication and most of the chance variation "          \
    "cancels. A dot with its 95% interval; a <strong>filled</strong> dot means the interval "       \
    "excludes zero (the difference is distinguishable from simulation noise), an open dot that "    \
    "the difference cannot be told apart from chance. The interval covers simulation noise "        \
    "only, under this scenario's parameter values; whether the difference survives the "            \
    "assumptions is what <code>bijsim uncertainty</code> shows.",                                   \
    "Elk scenario simuleerde dezelfde personen met hetzelfde toeval (common random numbers), "      \
    "dus het verschil wordt per replicatie genomen en het meeste toeval valt weg. Een stip met "    \
    "zijn 95%-interval; een <strong>gevulde</strong> stip betekent dat het interval nul "           \
    "uitsluit (het verschil is te onderscheiden van simulatieruis), een open stip dat het "         \
    "verschil niet van toeval te onderscheiden is. Het interval dekt alleen simulatieruis, bij "    \
    "de parameterwaarden van dit scenario; of het verschil de aannames overleeft, laat "            \
    "<code>bijsim uncertainty</code> zien.")                                                        \
  M(forest_shares, "Shares of the cohort (percentage points)",                                      \
    "Aandelen van het cohort (procentpunten)")                                                      \
  M(forest_days, "Durations (days)", "Duren (dagen)")                                               \
  M(forest_money, "Money over the period (EUR)", "Geld over de periode (EUR)")                      \
  M(forest_axis, "difference from the base scenario", "verschil met het basisscenario")             \
  /* effect */                                                                                      \
  M(effect_title, "Net effect and deadweight of {1}", "Netto-effect en dead weight van {1}")        \
  M(effect_explain,                                                                                 \
    "The scenario was simulated twice for the same persons: with the instrument and with it "       \
    "switched off. <em>Gross</em> is the share of participants who left benefit within 12 "         \
    "months; <em>without</em> is the share of the very same persons who left without the "          \
    "instrument; the <em>net effect</em> is the difference, and <em>deadweight</em> the part of "   \
    "the gross outflow that would have happened anyway (without / gross). 'Whole cohort' "          \
    "compares every cohort client, participant or not.",                                            \
    "Het scenario is twee keer gesimuleerd voor dezelfde personen: met het instrument en met het "  \
    "instrument uit. <em>Bruto</em> is het aandeel deelnemers dat binnen 12 maanden de uitkering "  \
    "verliet; <em>zonder</em> is het aandeel van precies dezelfde personen dat zonder het "         \
    "instrument uitstroomde; het <em>netto-effect</em> is het verschil, en <em>dead weight</em> "   \
    "het deel van de bruto-uitstroom dat er toch wel was gekomen (zonder / bruto). 'Het hele "      \
    "cohort' vergelijkt alle cohortcliënten, deelnemer of niet.")                                   \
  M(effect_nobody_section,                                                                          \
    "No cohort client took part in this instrument, so its effect on participants cannot be "       \
    "measured (is it switched on in the scenario?).",                                               \
    "Geen cohortcliënt deed mee aan dit instrument, dus het effect op deelnemers is niet te "      \
    "meten (staat het aan in het scenario?).")                                                      \
  M(effect_share_title, "Share that {1}, with and without the instrument (%)",                      \
    "Aandeel dat {1}, met en zonder het instrument (%)")                                            \
  M(effect_net_title, "Net effect on the share that {1} (percentage points)",                       \
    "Netto-effect op het aandeel dat {1} (procentpunten)")                                          \
  M(effect_series_with, "with the instrument (gross)", "met het instrument (bruto)")                \
  M(effect_series_without, "same persons without it", "dezelfde personen zonder")                   \
  M(effect_series_net, "net effect", "netto-effect")                                                \
  M(effect_net_svg, "Net effect by group", "Netto-effect per groep")                                \
  M(effect_net_axis, "gross minus without (percentage points)",                                     \
    "bruto min zonder (procentpunten)")                                                             \
  M(effect_caption,                                                                                 \
    "Kansmeter phase as assigned at the CWI work intake (1 = directly employable, 4 = needs much "  \
    "help); near/far: latent distance to the labour market. Filled dots: the interval excludes "    \
    "zero.",                                                                                        \
    "Kansmeterfase zoals toegekend bij de werkintake van het CWI (1 = direct bemiddelbaar, 4 = "    \
    "heeft veel hulp nodig); dichtbij/ver: de latente afstand tot de arbeidsmarkt. Gevulde "        \
    "stippen: het interval sluit nul uit.")                                                         \
  M(effect_outcome, "Outcome", "Uitkomst")                                                          \
  M(effect_group, "Group", "Groep")                                                                 \
  M(effect_participants_hd, "Participants", "Deelnemers")                                           \
  M(effect_gross_hd, "Gross", "Bruto")                                                              \
  M(effect_without_hd, "Without", "Zonder")                                                         \
  M(effect_net_hd, "Net effect (95% interval)", "Netto-effect (95%-interval)")                      \
  M(effect_deadweight_hd, "Deadweight", "Dead weight")                                              \
  /* survival */                                                                                    \
  M(survival, "How long benefit spells last", "Hoe lang uitkeringen duren")                         \
  M(survival_title, "Share of the cohort still on benefit, by days since benefit started (%)",      \
    "Aandeel van het cohort nog in de uitkering, naar dagen sinds de start (%)")                    \
  M(survival_svg, "Kaplan-Meier survival of benefit spells",                                        \
    "Kaplan-Meier-overleving van uitkeringen")                                                      \
  M(survival_x, "days since the start of benefit", "dagen sinds de start van de uitkering")         \
  M(survival_x_days, "day of the simulated period", "dag van de gesimuleerde periode")              \
  M(survival_y, "still on benefit", "nog in de uitkering")                                          \
  M(survival_median_line, "half of the spells ended (median)",                                      \
    "de helft van de uitkeringen is beëindigd (mediaan)")                                           \
  M(number_at_risk, "Number at risk (all replications)", "Aantal at risk (alle replicaties)")       \
  M(survival_caption,                                                                               \
    "Kaplan-Meier estimate over all replications: each step down is clients leaving benefit. "      \
    "Spells still running at the end of the simulated period are counted as long as they were "     \
    "observed (censored), so late starters do not bias the curve. Where a curve crosses the "       \
    "dashed line is the median duration.",                                                          \
    "Kaplan-Meier-schatting over alle replicaties: elke stap omlaag is uitstroom uit de "           \
    "uitkering. Uitkeringen die aan het einde van de periode nog lopen, tellen mee zolang ze "      \
    "zijn waargenomen (gecensureerd), zodat late instromers de curve niet vertekenen. Waar een "    \
    "curve de stippellijn snijdt, ligt de mediane duur.")                                           \
  M(survival_risk_caption,                                                                          \
    "The rows under the chart give the spells still at risk (not yet ended or censored) at each "   \
    "day, pooled over the {2} replications; a curve stops (a short tick) where fewer than {1} "     \
    "are left, because a step on so few spells says little.",                                       \
    "De rijen onder de grafiek geven het aantal uitkeringen dat op elke dag nog at risk is (nog "   \
    "niet beëindigd of gecensureerd), samen over de {2} replicaties; een curve stopt (een kort "   \
    "streepje) waar er minder dan {1} over zijn, omdat een stap op zo weinig uitkeringen weinig "   \
    "zegt.")                                                                                        \
  M(median_pooled, "Median spell (pooled)", "Mediane duur (samengevoegd)")                          \
  M(still_after_1y, "Still on benefit after 1 year", "Na 1 jaar nog in de uitkering")               \
  M(still_after_2y, "after 2 years", "na 2 jaar")                                                   \
  M(curve_stops, "Curve stops", "Curve stopt")                                                      \
  M(not_reached, "not reached", "niet bereikt")                                                     \
  /* caseload */                                                                                    \
  M(caseload, "The caseload over time", "Het bestand in de tijd")                                   \
  M(caseload_title, "Clients on benefit, by day of the simulated period",                           \
    "Cliënten in de uitkering, per dag van de gesimuleerde periode")                                \
  M(caseload_svg, "Clients on benefit over time", "Cliënten in de uitkering in de tijd")            \
  M(caseload_y, "clients on benefit", "cliënten in de uitkering")                                   \
  M(caseload_caption,                                                                               \
    "Mean over the replications at every <code>run.stock_report_interval_days</code>, with the "    \
    "95% interval as a band (stock_summary.csv; every replication's series is in stock.csv).",      \
    "Gemiddelde over de replicaties op elke <code>run.stock_report_interval_days</code>, met het "  \
    "95%-interval als band (stock_summary.csv; de reeks van elke replicatie staat in "              \
    "stock.csv).")                                                                                  \
  /* flow */                                                                                        \
  M(flow, "From application to outflow", "Van aanvraag tot uitstroom")                              \
  M(flow_explain,                                                                                   \
    "Clients per stage over the whole simulated period (mean over replications). Applications "     \
    "split at the gate (poortwachter) into those who leave and those admitted; the admitted and "   \
    "the clients already on benefit at the start make up everyone on benefit, who either left "     \
    "by one of the routes or are still on benefit at the end. Band widths are proportional to "     \
    "the number of clients; hover for exact numbers.",                                              \
    "Cliënten per fase over de hele gesimuleerde periode (gemiddelde over de replicaties). "       \
    "Aanvragen splitsen zich aan de poort in wie afhaakt en wie wordt toegelaten; de "              \
    "toegelatenen en de cliënten die bij de start al een uitkering hadden vormen samen iedereen "  \
    "in de uitkering, die langs een van de routes uitstroomde of aan het einde nog in de "          \
    "uitkering zit. De breedte van een band is evenredig met het aantal cliënten; wijs aan voor "  \
    "de precieze aantallen.")                                                                       \
  M(flow_svg, "Flow of clients through the chain, {1}", "Stroom van cliënten door de keten, {1}")   \
  M(flow_title, "{1}: clients per stage", "{1}: cliënten per fase")                                 \
  M(flow_applications, "applications", "aanvragen")                                                 \
  M(flow_in_intake, "still in intake at end", "aan het einde nog in intake")                        \
  M(flow_admitted, "admitted", "toegelaten")                                                        \
  M(flow_initial, "on benefit at the start", "in de uitkering bij de start")                        \
  M(flow_on_benefit, "on benefit during the period", "in de uitkering in de periode")               \
  M(flow_still_on, "still on benefit at the end", "aan het einde nog in de uitkering")              \
  M(flow_caption,                                                                                   \
    "Kansmeter phase assigned at the CWI work intake (applicants, before the eligibility "          \
    "decision) 1: {1}, 2: {2}, 3: {3}, 4: {4}. Programmes started: work-first {5}, trajectories "   \
    "{6}, social activation {7}; sanctions {8}.",                                                   \
    "Kansmeterfase toegekend bij de werkintake van het CWI (aanvragers, vóór het besluit over "   \
    "het recht) 1: {1}, 2: {2}, 3: {3}, 4: {4}. Gestarte programma's: work-first {5}, trajecten "   \
    "{6}, sociale activering {7}; sancties {8}.")                                                   \
  /* sweep */                                                                                       \
  M(sweep, "One parameter at a time", "Eén parameter tegelijk")                                     \
  M(sweep_explain,                                                                                  \
    "Each chart varies one parameter over the listed values while every other parameter keeps "     \
    "its scenario value. All points simulate the same persons (same seed), so the chart shows "     \
    "the effect of the parameter, not of chance. Whiskers and bands are the 95% interval of the "   \
    "mean. The key findings compare each value with the first one listed (the reference), "         \
    "replication by replication.",                                                                  \
    "Elke grafiek varieert één parameter over de opgegeven waarden terwijl alle andere "          \
    "parameters hun scenariowaarde houden. Alle punten simuleren dezelfde personen (dezelfde "      \
    "seed), dus de grafiek toont het effect van de parameter, niet van toeval. Lijntjes en "        \
    "banden zijn het 95%-interval van het gemiddelde. De bevindingen vergelijken elke waarde met "  \
    "de eerst genoemde (de referentie), replicatie voor replicatie.")                               \
  M(sweep_numeric, "A number: the values on a scale, joined by a line.",                            \
    "Een getal: de waarden op een schaal, verbonden door een lijn.")                                \
  M(sweep_categorical,                                                                              \
    "Named settings, not a scale: a bar per setting, with no line between them.",                   \
    "Benoemde instellingen, geen schaal: een staaf per instelling, zonder lijn ertussen.")          \
  M(sweep_chart_svg, "{1} by {2}", "{1} naar {2}")                                                  \
  /* uncertainty */                                                                                 \
  M(unc, "Across plausible parameter sets", "Over aannemelijke parametersets")                      \
  M(unc_explain,                                                                                    \
    "Every scenario was simulated under each parameter set drawn from the plausible ranges of "     \
    "its assumptions (the <code>uncertainty:</code> section); within a set all scenarios "          \
    "simulate the same persons. <em>Range</em>: the 2.5% to 97.5% quantiles over the sets of a "    \
    "set's mean, so it combines the uncertainty of the assumptions with the simulation noise of "   \
    "one set's replications. A difference <em>holds</em> in a set when it has the sign of its "     \
    "mean there; from 90% of the sets on it is called robust to the stated assumptions (only to "   \
    "those: other parameters were held at their scenario values).",                                 \
    "Elk scenario is gesimuleerd onder elke parameterset die is getrokken uit de aannemelijke "     \
    "bereiken van zijn aannames (de sectie <code>uncertainty:</code>); binnen een set simuleren "   \
    "alle scenario's dezelfde personen. <em>Bereik</em>: het 2,5%- tot 97,5%-kwantiel over de "     \
    "sets van het gemiddelde van een set, dus het combineert de onzekerheid van de aannames met "   \
    "de simulatieruis van de replicaties van één set. Een verschil <em>houdt stand</em> in een "  \
    "set als het daar het teken van zijn gemiddelde heeft; vanaf 90% van de sets heet het "         \
    "robuust "                                                                                      \
    "voor de genoemde aannames (alleen die: andere parameters bleven op hun scenariowaarde).")      \
  M(unc_mean_range, "Mean (range)", "Gemiddelde (bereik)")                                          \
  M(unc_diff_range, "Difference (range)", "Verschil (bereik)")                                      \
  M(unc_across, "Across sets", "Over de sets")                                                      \
  M(unc_no_difference, "no difference in any set", "in geen enkele set een verschil")               \
  M(unc_holds, "holds in {1} of plausible parameter sets",                                          \
    "houdt stand in {1} van de aannemelijke parametersets")                                         \
  M(unc_robust, ": robust to the stated assumptions", ": robuust voor de genoemde aannames")        \
  M(unc_depends, ": depends on the assumptions", ": hangt af van de aannames")                      \
  M(unc_finding,                                                                                    \
    "<strong>{1}</strong> vs {2}, {3}: {4} on average over {5} parameter sets (95% of sets from "   \
    "{6})",                                                                                         \
    "<strong>{1}</strong> tegen {2}, {3}: gemiddeld {4} over {5} parametersets (95% van de sets "   \
    "van {6})")                                                                                     \
  M(unc_files,                                                                                      \
    "All indicators: uncertainty.csv; per set: uncertainty_sets.csv and parameter_sets.csv.",       \
    "Alle indicatoren: uncertainty.csv; per set: uncertainty_sets.csv en parameter_sets.csv.")      \
  /* sensitivity */                                                                                 \
  M(sens, "Which assumptions matter", "Welke aannames ertoe doen")                                  \
  M(sens_morris,                                                                                    \
    "Morris screening: <em>mu*</em> is the mean absolute change of the output when one "            \
    "parameter moves by about two thirds of its plausible range (on the quantile scale), the "      \
    "others held; a large mu* marks an assumption the result depends on.",                          \
    "Morris-screening: <em>mu*</em> is de gemiddelde absolute verandering van de uitkomst als "     \
    "één parameter ongeveer twee derde van zijn aannemelijke bereik verschuift (op de "           \
    "kwantielschaal) en de andere gelijk blijven; een grote mu* wijst op een aanname waar het "     \
    "resultaat van afhangt.")                                                                       \
  M(sens_sobol,                                                                                     \
    "Sobol' indices: <em>first order</em> (S1) is the share of the output's variance across the "   \
    "plausible ranges that one parameter causes on its own; <em>total</em> (ST) adds its "          \
    "interactions. A parameter with ST near 0 does not matter within its range.",                   \
    "Sobol'-indices: <em>eerste orde</em> (S1) is het deel van de variantie van de uitkomst over "  \
    "de aannemelijke bereiken dat één parameter op zichzelf veroorzaakt; <em>totaal</em> (ST) "   \
    "telt zijn interacties mee. Een parameter met ST bij 0 doet er binnen zijn bereik niet toe.")   \
  M(sens_bars, "Bars: the estimate with its 95% bootstrap interval, largest first (at most 15).",   \
    "Staven: de schatting met haar 95%-bootstrapinterval, grootste eerst (hoogstens 15).")          \
  M(sens_s1, "first order (S1)", "eerste orde (S1)")                                                \
  M(sens_st, "total (ST)", "totaal (ST)")                                                           \
  M(sens_title, "Sensitivity of {1}", "Gevoeligheid van {1}")                                       \
  M(sens_the_output, "the output", "de uitkomst")                                                   \
  M(sens_mu_axis, "mu* (output units)", "mu* (eenheden van de uitkomst)")                           \
  M(sens_share_axis, "share of variance", "aandeel van de variantie")                               \
  M(sens_files, "Every parameter and index: sensitivity.csv.",                                      \
    "Alle parameters en indices: sensitivity.csv.")                                                 \
  /* the assumptions a result depends on (--sensitivity) */                                         \
  M(dep_none, "No assumption in the sensitivity run moves it",                                      \
    "Geen aanname in de gevoeligheidsrun verandert het")                                            \
  M(dep_most, "Depends most on ", "Hangt het meest af van ")                                        \
  M(list_comma, ", ", ", ")                                                                         \
  M(list_and, " and ", " en ")                                                                      \
  M(dep_link, "sensitivity", "gevoeligheid")                                                        \
  M(dep_mu, "mu* ", "mu* ")                                                                         \
  M(dep_st, "ST ", "ST ")                                                                           \
  M(dep_unrecorded, "source not recorded", "bron niet vastgelegd")                                  \
  M(dep_th_param, "Parameter", "Parameter")                                                         \
  M(dep_th_mu, "mu* (95% interval)", "mu* (95%-interval)")                                          \
  M(dep_th_st, "Total index ST (95% interval)", "Totale index ST (95%-interval)")                   \
  M(dep_th_source, "Source", "Bron")                                                                \
  M(dep_th_value, "Its value, as the scenario says", "Zijn waarde, zoals het scenario die geeft")   \
  M(dep_not_recorded, "not recorded", "niet vastgelegd")                                            \
  M(assum, "Which assumptions the results depend on", "Van welke aannames de resultaten afhangen")  \
  M(assum_explain,                                                                                  \
    "From <code>bijsim sensitivity</code> runs over the plausible ranges of the scenario's "        \
    "<code>uncertainty:</code> section: per result, the parameters with the largest total "         \
    "Sobol' index ST (the share of the result's variance across the ranges that the parameter "     \
    "causes, alone and with others) or, from a Morris screening, the largest mu* (its mean "        \
    "absolute effect), with where the parameter's value comes from. A key finding whose "           \
    "indicator and scenarios match a result lists its three largest; findings without a "           \
    "sensitivity run were not screened.",                                                           \
    "Uit <code>bijsim sensitivity</code>-runs over de aannemelijke bereiken van de sectie "         \
    "<code>uncertainty:</code> van het scenario: per resultaat de parameters met de grootste "      \
    "totale Sobol'-index ST (het deel van de variantie van het resultaat over de bereiken dat de "  \
    "parameter veroorzaakt, alleen en samen met andere) of, uit een Morris-screening, de "          \
    "grootste "                                                                                     \
    "mu* (zijn gemiddelde absolute effect), met de herkomst van de waarde van de parameter. Een "   \
    "bevinding waarvan de indicator en de scenario's bij een resultaat horen, noemt de drie "       \
    "grootste; bevindingen zonder gevoeligheidsrun zijn niet gescreend.")                           \
  M(assum_morris, "Morris screening", "Morris-screening")                                           \
  M(assum_sobol, "Sobol' indices", "Sobol'-indices")                                                \
  M(assum_from, " from ", " uit ")                                                                  \
  M(assum_key, "; it is a key finding of this report.", "; het is een bevinding van dit rapport.")  \
  M(assum_not_key, "; not a key finding of this report.", "; geen bevinding van dit rapport.")      \
  /* calibration */                                                                                 \
  M(cal, "Calibration: the parameters fitted to the targets",                                       \
    "Kalibratie: de parameters aangepast aan de doelen")                                            \
  M(cal_explain,                                                                                    \
    "Approximate Bayesian computation (ABC-SMC): parameter values drawn from the priors are kept "  \
    "when the simulated targets lie close to the observed ones, with a tolerance that shrinks "     \
    "from generation to generation (distance 'range': the worst target's distance from the "        \
    "middle of its range, in half ranges, so that a tolerance of 1 means every fitted target "      \
    "inside its range; 'rms': the root mean square of the deviations from the observed values "     \
    "in half ranges). The chart shows each parameter's posterior mean and 90% interval as a "       \
    "position in its prior range (0 = the prior's lower end, 1 = its upper end).",                  \
    "Approximate Bayesian computation (ABC-SMC): parameterwaarden uit de priors blijven behouden "  \
    "als de gesimuleerde doelen dicht bij de waargenomen liggen, met een tolerantie die van "       \
    "generatie tot generatie kleiner wordt (afstand 'range': de afstand van het slechtste doel "    \
    "tot het midden van zijn bereik, in halve bereiken, zodat een tolerantie van 1 betekent dat "   \
    "elk aangepast doel binnen zijn bereik ligt; 'rms': de wortel uit het gemiddelde kwadraat "     \
    "van de afwijkingen van de waargenomen waarden in halve bereiken). De grafiek toont het "       \
    "posteriorgemiddelde en 90%-interval van elke parameter als positie in zijn priorbereik (0 = "  \
    "de onderkant van de prior, 1 = de bovenkant).")                                                \
  M(cal_posterior, "posterior", "posterior")                                                        \
  M(cal_marginals, "Marginal posteriors", "Marginale posteriors")                                   \
  M(cal_axis, "position in the prior range", "positie in het priorbereik")                          \
  M(cal_prior_from, "Prior from", "Prior van")                                                      \
  M(cal_to, "to", "tot")                                                                            \
  M(cal_post_mean, "Posterior mean", "Posteriorgemiddelde")                                         \
  M(cal_median, "median", "mediaan")                                                                \
  M(cal_fit, "Fit per target", "Passing per doel")                                                  \
  M(cal_fit_explain,                                                                                \
    "The simulated value over the posterior particles against the observed figure and its "         \
    "range, the posterior share of particles inside the range, and the same on fresh "              \
    "replications (the check: how much of the fit survives new luck). A target with 0 under "       \
    "'Fitted' is reported, not fitted (fit.csv gives the reason).",                                 \
    "De gesimuleerde waarde over de posteriordeeltjes tegenover het waargenomen cijfer en zijn "    \
    "bereik, het posterioraandeel deeltjes binnen het bereik, en hetzelfde op nieuwe replicaties "  \
    "(de controle: hoeveel van de passing nieuw toeval overleeft). Een doel met 0 onder "           \
    "'Aangepast' wordt getoond, niet aangepast (fit.csv geeft de reden).")                          \
  M(cal_target, "Target", "Doel")                                                                   \
  M(cal_range_from, "Range from", "Bereik van")                                                     \
  M(cal_fitted, "Fitted", "Aangepast")                                                              \
  M(cal_simulated, "Simulated", "Gesimuleerd")                                                      \
  M(cal_in_range, "In range", "Binnen bereik")                                                      \
  M(cal_check, "Check", "Controle")                                                                 \
  M(cal_in_range_check, "In range (check)", "Binnen bereik (controle)")                             \
  M(cal_generations, "Generations", "Generaties")                                                   \
  M(cal_generations_explain,                                                                        \
    "Tolerance, replications per particle, acceptance rate and effective sample size (ESS) of "     \
    "each generation's weighted particles.",                                                        \
    "Tolerantie, replicaties per deeltje, acceptatiegraad en effectieve steekproefgrootte (ESS) "   \
    "van de gewogen deeltjes van elke generatie.")                                                  \
  M(cal_generation, "Generation", "Generatie")                                                      \
  M(cal_tolerance, "Tolerance", "Tolerantie")                                                       \
  M(cal_replications, "Replications", "Replicaties")                                                \
  M(cal_proposed, "Proposed", "Voorgesteld")                                                        \
  M(cal_accepted, "Accepted", "Geaccepteerd")                                                       \
  M(cal_all_in_range, "All targets in range", "Alle doelen binnen bereik")                          \
  /* method */                                                                                      \
  M(method, "How to read this report", "Hoe dit rapport te lezen")                                  \
  M(method_replications,                                                                            \
    "<strong>Replications.</strong> Each scenario is simulated several times with different "       \
    "random streams. The value shown is the mean; the <em>95% interval</em> is mean &plusmn; t "    \
    "&middot; sd / &radic;n (Student-t with n&minus;1 degrees of freedom). It says how precisely "  \
    "the simulation pins down the model's mean, not how certain the model itself is. An "           \
    "interval of a share is kept within 0 to 100%.",                                                \
    "<strong>Replicaties.</strong> Elk scenario is meerdere keren gesimuleerd met verschillende "   \
    "toevalsreeksen. De getoonde waarde is het gemiddelde; het <em>95%-interval</em> is "           \
    "gemiddelde &plusmn; t &middot; sd / &radic;n (Student-t met n&minus;1 vrijheidsgraden). Het "  \
    "zegt hoe nauwkeurig de simulatie het modelgemiddelde vastlegt, niet hoe zeker het model "      \
    "zelf "                                                                                         \
    "is. Het interval van een aandeel blijft binnen 0 tot 100%.")                                   \
  M(method_paired,                                                                                  \
    "<strong>Paired comparison.</strong> Replication k of every scenario simulates the same "       \
    "persons with the same traits and luck (common random numbers). Differences are taken per "     \
    "replication, so chance that both share cancels; the interval of a difference is therefore "    \
    "far narrower than the two separate intervals suggest. A difference whose interval excludes "   \
    "zero is <em>distinguishable from simulation noise</em>; that says nothing yet about the "      \
    "model's assumptions.",                                                                         \
    "<strong>Gepaarde vergelijking.</strong> Replicatie k van elk scenario simuleert dezelfde "     \
    "personen met dezelfde kenmerken en hetzelfde toeval (common random numbers). Verschillen "     \
    "worden per replicatie genomen, dus toeval dat beide delen valt weg; het interval van een "     \
    "verschil is daarom veel smaller dan de twee afzonderlijke intervallen doen denken. Een "       \
    "verschil waarvan het interval nul uitsluit, is <em>te onderscheiden van simulatieruis</em>; "  \
    "dat zegt nog niets over de aannames van het model.")                                           \
  M(method_relevance,                                                                               \
    "<strong>Practical relevance.</strong> A difference can be real and still too small to act "    \
    "on: the key findings call a difference relevant from the thresholds in the scenario's "        \
    "<code>report:</code> section, and list the largest by how far they pass them.",                \
    "<strong>Praktische relevantie.</strong> Een verschil kan echt zijn en toch te klein om op "    \
    "te handelen: de bevindingen noemen een verschil relevant vanaf de drempels in de sectie "      \
    "<code>report:</code> van het scenario, en noemen de grootste naar hoe ver ze die "             \
    "overschrijden.")                                                                               \
  M(method_cohort,                                                                                  \
    "<strong>Cohort.</strong> The chapter-5 indicators follow the clients who started benefit in "  \
    "a half-year window, as the national monitor did; 'registered' versions come from the "         \
    "simulated administration with its delays and gaps.",                                           \
    "<strong>Cohort.</strong> De indicatoren van hoofdstuk 5 volgen de cliënten die in een "       \
    "venster van een half jaar instroomden, zoals de landelijke monitor deed; de "                  \
    "'geregistreerde' versies komen uit de gesimuleerde administratie met haar vertragingen en "    \
    "gaten.")                                                                                       \
  M(method_survival,                                                                                \
    "<strong>Spell durations.</strong> Kaplan-Meier: spells still running at the end are "          \
    "censored (counted only for as long as they were observed); the number at risk is given "       \
    "under the chart.",                                                                             \
    "<strong>Uitkeringsduur.</strong> Kaplan-Meier: uitkeringen die aan het einde nog lopen, "      \
    "zijn gecensureerd (ze tellen alleen zolang ze zijn waargenomen); het aantal at risk staat "    \
    "onder de grafiek.")                                                                            \
  M(method_effect,                                                                                  \
    "<strong>Net effect.</strong> The same persons re-simulated without the instrument; net = "     \
    "gross &minus; without; deadweight = without / gross.",                                         \
    "<strong>Netto-effect.</strong> Dezelfde personen opnieuw gesimuleerd zonder het instrument; "  \
    "netto = bruto &minus; zonder; dead weight = zonder / bruto.")                                  \
  M(method_files,                                                                                   \
    "All numbers come from the CSV files next to this report (summary.csv, compare.csv, "           \
    "survival.csv, stock_summary.csv, flow.csv, effect.csv, sweep_summary.csv); docs/analysis.md "  \
    "explains every column.",                                                                       \
    "Alle getallen komen uit de CSV-bestanden naast dit rapport (summary.csv, compare.csv, "        \
    "survival.csv, stock_summary.csv, flow.csv, effect.csv, sweep_summary.csv); docs/analysis.md "  \
    "legt "                                                                                         \
    "elke kolom uit.")                                                                              \
  M(method_precision,                                                                               \
    "<strong>Precision.</strong> Replications were added in batches of {1} (at most {2}) until "    \
    "the paired 95% intervals were narrow enough; {3} were run.",                                   \
    "<strong>Precisie.</strong> Replicaties zijn toegevoegd in porties van {1} (hoogstens {2}) "    \
    "tot de gepaarde 95%-intervallen smal genoeg waren; er zijn er {3} gedraaid.")                  \
  /* the trace (its labels: the events are the models' sentences) */                                \
  M(trace_day, "day", "dag")                                                                        \
  M(trace_traits,                                                                                   \
    "age {1}, {2}, distance to the labour market {3} ({4}), participation ladder rung {5}, "        \
    "problems: {6}, compliance {7}, fraud propensity {8}",                                          \
    "leeftijd {1}, {2}, afstand tot de arbeidsmarkt {3} ({4}), trede {5} van de "                   \
    "participatieladder, problemen: {6}, naleving {7}, fraudeneiging {8}")                          \
  M(trace_head, "client {1}, scenario '{2}', seed {3}, replication {4}",                            \
    "cliënt {1}, scenario '{2}', seed {3}, replicatie {4}")                                         \
  M(trace_head_date, "client {1}, scenario '{2}', seed {3}, replication {4} (day 0 is {5})",        \
    "cliënt {1}, scenario '{2}', seed {3}, replicatie {4} (dag 0 is {5})")                          \
  M(trace_spell, "spell", "uitkering")                                                              \
  M(trace_initial_stock, " (initial stock)", " (beginbestand)")                                     \
  M(trace_end, "end of the simulated period (horizon)",                                             \
    "einde van de gesimuleerde periode (horizon)")                                                  \
  M(method_precision_item, "{1}: half-width at most {2} asked, {3} reached",                        \
    "{1}: halve breedte hoogstens {2} gevraagd, {3} bereikt")

/* ------------------------------------------------------- cohort items (nl)
 * ITEM(id, label, term, definition) for the rows of BS_COHORT_ITEM_LIST (ITEM
 * rather than C as the parameter, because C is a row id): the
 * Dutch label of NAME_true is `label term`, that of NAME_registered `label`
 * BS_NL_REGISTERED_LABEL. */
#define BS_NL_COHORT_LIST(ITEM)                                                                     \
  ITEM(X, "Instroom in het cohort", " (X)",                                                         \
       "Cliënten die in het cohortvenster (een half jaar) een uitkering kregen.")                   \
  ITEM(Y, "Langdurige cliënten", " (Y)",                                                            \
       "Van X: 365 dagen na de eigen start nog in de uitkering (langdurig).")                       \
  ITEM(Z, "Langdurige cliënten met arbeidsplicht", " (Z)",                                          \
       "Van Y: met arbeidsplicht (arbeidsplichtig, niet ontheven) op dag 365.")                     \
  ITEM(A, "Arbeidsplichtigen met een aanbod", " (A)",                                               \
       "Van Z: met een eerste aanbod binnen 365 dagen na de start: elk instrument dat als aanbod "  \
       "telt (een traject, sociale activering, een work-first-plaatsing; 003 §6.2).")               \
  ITEM(B, "Arbeidsplichtigen zonder aanbod", " (B)",                                                \
       "Van Z: zonder aanbod in het eerste jaar (Z - A).")                                          \
  ITEM(C, "Ontheven cliënten met een aanbod", " (C)",                                               \
       "Van Y: ontheven op dag 365 en met een aanbod in het eerste jaar.")                          \
  ITEM(A1, "Uitgestroomd, met aanbod", " (A.1)",                                                    \
       "Van A: wie na dag 365 en uiterlijk een jaar na het einde van het cohortvenster "            \
       "uitstroomde "                                                                               \
       "(30 juni 2003 voor het cohort 2002: de bron zag uitstroom alleen tot die datum, dus het "   \
       "venster is korter voor late instromers, precies als in de bron).")                          \
  ITEM(B1, "Uitgestroomd, zonder aanbod", " (B.1)",                                                 \
       "Van B: wie in dezelfde periode als A.1 uitstroomde.")                                       \
  ITEM(A1_2, "Uitgestroomd, met aanbod, een half jaar later", " (A.1 op de tweede datum)",          \
       "Als A.1, een half jaar later geteld (31 december 2003 voor het cohort 2002; 003 bijlage "   \
       "3, "                                                                                        \
       "Gemeente 1: 10 op 30 juni 2003, 25 een half jaar later); geen getal als de horizon vóór " \
       "die datum eindigt.")                                                                        \
  ITEM(B1_2, "Uitgestroomd, zonder aanbod, een half jaar later", " (B.1 op de tweede datum)",       \
       "Als B.1, geteld op de datum van A.1 op de tweede datum.")                                   \
  ITEM(late_offers, "Arbeidsplichtigen met een eerste aanbod na een jaar", " (late aanbiedingen)",  \
       "Van Z: wie pas na dag 365 van de uitkering een eerste aanbod kreeg (003 bijlage 3, "        \
       "Gemeente 1: 'nog een kwart krijgt na meer dan een jaar een traject').")                     \
  ITEM(late_offer_ratio, "Aandeel late aanbiedingen", " (late aanbiedingen / Z)",                   \
       "Van Z: het aandeel dat pas na dag 365 een eerste aanbod kreeg (late aanbiedingen / Z).")    \
  ITEM(complianceratio, "Bereik", " (complianceratio)",                                             \
       "Aandeel van het cohort dat binnen een jaar uitstroomde of in het eerste jaar een "          \
       "trajectaanbod kreeg ((X - Y + A + C) / X).")                                                \
  ITEM(langdurigheidsratio, "Aandeel langdurig", " (langdurigheidsratio)",                          \
       "Aandeel van het cohort dat 12 maanden na instroom nog in de uitkering zit (Y / X). Lager "  \
       "is "                                                                                        \
       "beter.")                                                                                    \
  ITEM(sluitingsratio, "Sluitende aanpak", " (sluitingsratio)",                                     \
       "Langdurige cliënten met arbeidsplicht die in hun eerste jaar een trajectaanbod kregen "    \
       "(A / Z): de 'sluitende aanpak'.")                                                           \
  ITEM(niet_sluitingsratio, "Geen aanbod in het eerste jaar", " (niet-sluitingsratio)",             \
       "Langdurige cliënten met arbeidsplicht zonder aanbod in hun eerste jaar (B / Z).")           \
  ITEM(                                                                                             \
      uitstroomratio_met_traject, "Uitstroom met traject", "",                                      \
      "Van de langdurige cliënten met een aanbod (A): het aandeel dat in de eerste helft van het " \
      "tweede jaar uitstroomde (A.1 / A).")                                                         \
  ITEM(uitstroomratio_zonder_traject, "Uitstroom zonder traject", "",                               \
       "Hetzelfde voor langdurige cliënten zonder aanbod (B.1 / B).")

#define BS_NL_REGISTERED_LABEL ", zoals geregistreerd"
#define BS_NL_REGISTERED_NOTE                                                                      \
  " Zoals geregistreerd: uit de gesimuleerde administratie, met haar registratievertragingen, "    \
  "verloren invoer en verouderde ontheffingsvlaggen."

/* --------------------------------------------------------------- routes (nl)
 * R(name, label, chart label, outflow label, outflow clause) for the rows of
 * BS_ROUTE_LIST: outflow_ROUTE_H is "<outflow label> binnen <months>", its
 * definition "Aandeel van het cohort dat binnen <words> <clause>." */
#define BS_NL_ROUTE_LIST(R)                                                                        \
  R("regular_work", "regulier werk", "regulier\nwerk", "Uitgestroomd naar regulier werk",          \
    "uitstroomde naar een reguliere baan")                                                         \
  R("subsidised_work", "gesubsidieerd werk", "gesubsidieerd\nwerk",                                \
    "Uitgestroomd naar gesubsidieerd werk",                                                        \
    "uitstroomde naar een gesubsidieerde baan (bijv. een opstapbaan)")                             \
  R("funded_employment", "gefinancierde baan (verloning)", "gefinancierde\nbaan (verloning)",      \
    "Uitgestroomd naar een gefinancierde baan (verloning)",                                        \
    "uitstroomde naar betaald werk dat nog uit het werkdeel wordt betaald (verloningstraject)")    \
  R("other_income", "ander inkomen", "ander\ninkomen", "Uitgestroomd naar ander inkomen",          \
    "uitstroomde naar ander inkomen (inkomen van een partner, een andere uitkering)")              \
  R("moving", "verhuisd", "verhuisd", "Verhuisd", "naar een andere gemeente verhuisde")            \
  R("age", "65 jaar (AOW)", "65 jaar\n(AOW)", "65 geworden (AOW)", "65 werd en naar de AOW ging")  \
  R("fraud_stop", "stopgezet wegens fraude", "stop wegens\nfraude",                                \
    "Uitkering stopgezet wegens fraude", "de uitkering stopgezet kreeg wegens fraude met schade")  \
  R("withdrawal", "ingetrokken / gestopt", "ingetrokken\n/ gestopt", "Ingetrokken of gestopt",     \
    "afzag (na ontmoediging, een huisbezoek of work-first) of werd afgewezen")                     \
  R("admin_end", "uitkering beëindigd (administratief)", "uitkering\nbeëindigd",                   \
    "Uitkering beëindigd (administratief)",                                                        \
    "de uitkering beëindigd kreeg omdat een administratieve plicht niet op tijd werd hersteld")

/* H(h, months, words, ...) for the rows of BS_OUTFLOW_HORIZON_LIST */
#define BS_NL_HORIZON_LIST(H, ...)                                                                 \
  H(6m, "6 maanden", "een half jaar", __VA_ARGS__)                                                 \
  H(12m, "12 maanden", "een jaar", __VA_ARGS__)                                                    \
  H(24m, "24 maanden", "twee jaar", __VA_ARGS__)

/* ----------------------------------------------- whole-run and derived (nl)
 * I(name, label, definition) for the rows of BS_WHOLE_RUN_LIST and the
 * derived indicators of analysis/scenario.c. */
#define BS_NL_INDICATOR_LIST(I)                                                                    \
  I(applications, "Aanvragen", "Aanvragen (eerste en herhaalde).")                                 \
  I(admitted, "Toegekende uitkeringen", "Gestarte uitkeringen, met het beginbestand.")             \
  I(gate_withdrawn, "Gestrand aan de poort",                                                       \
    "Aanvragen die in de poortwachtersfase eindigden (ontmoedigd, afgezien na de gemeentelijke "   \
    "intake, huisbezoek, work-first aan de poort, geen recht).")                                   \
  I(gate_mediated, "Aan de poort naar werk bemiddeld",                                             \
    "Kansrijke aanvragers die aan de poort direct naar werk zijn bemiddeld.")                      \
  I(kwint_count, "Kwalificerende intakes (Kwint)", "Gehouden kwalificerende intakes (Kwint).")     \
  I(phase1_referred, "Fase 1 doorverwezen naar de gemeente",                                       \
    "Fase-1-cliënten die na CWI-bemiddeling als fase 2 naar de gemeente zijn doorverwezen.")       \
  I(stock_on_benefit_end, "In de uitkering aan het einde",                                         \
    "Cliënten in de uitkering op de laatste gesimuleerde dag.")                                    \
  I(reinflow, "Herhaalde aanvragen", "Herhaalde aanvragen van oud-cliënten ('in en uit').")        \
  I(time_to_first_offer_mean_days, "Tijd tot het eerste trajectaanbod",                            \
    "Gemiddeld aantal dagen van de start van de uitkering tot het eerste aanbod, onder wie er "    \
    "een kreeg.")                                                                                  \
  I(offer_within_deadline_share, "Aanbiedingen binnen de termijn",                                 \
    "Van de cohortcliënten met een aanbod: het aandeel met het aanbod binnen "                    \
    "`trajectory.sluitend_deadline_days`.")                                                        \
  I(outflow_year2_share, "Langdurigen die in het tweede jaar uitstroomden",                        \
    "Van Y: het aandeel dat in het tweede jaar van de uitkering uitstroomde (003 §5.2.1: 'ten "   \
    "minste twintig procent'); geen getal als de horizon vóór het tweede jaar van het cohort "   \
    "eindigt.")                                                                                    \
  I(exempt_categorical_365, "Langdurigen met een categoriale ontheffing",                          \
    "Van Y: op dag 365 ontheven op categoriale grond (65+, een jong kind, 57,5+).")                \
  I(exempt_individual_365, "Langdurigen met een individuele ontheffing",                           \
    "Van Y: op dag 365 ontheven op individuele (medische) grond ('overig').")                      \
  I(wf_started, "Work-first-plaatsingen", "Gestarte work-first-plaatsingen.")                      \
  I(wf_deterred, "Afgeschrikt door work-first",                                                    \
    "Work-first-cliënten die de uitkering verlieten, afgeschrikt door de werkplicht.")             \
  I(wf_to_work, "Work-first naar regulier werk",                                                   \
    "Work-first-cliënten die tijdens de plaatsing regulier werk vonden.")                          \
  I(traj_started, "Gestarte trajecten", "Gestarte re-integratietrajecten.")                        \
  I(traj_registered_share, "Geregistreerde trajecten",                                             \
    "Aandeel van de gestarte trajecten dat ooit is geregistreerd (invoerdiscipline).")             \
  I(traj_ended_effort, "Beëindigde trajecten: inspanning zonder uitstroom",                        \
    "Afgeronde trajecten die voor inspanning zonder uitstroom zijn betaald.")                      \
  I(traj_ended_subsidised, "Beëindigde trajecten: gesubsidieerd werk",                             \
    "Afgeronde trajecten met uitstroom naar gesubsidieerd werk.")                                  \
  I(traj_ended_regular, "Beëindigde trajecten: reguliere baan",                                    \
    "Afgeronde trajecten met uitstroom naar een reguliere baan.")                                  \
  I(traj_no_shows, "Gemelde no-shows", "No-shows die aanbieders meldden.")                         \
  I(providers_dropped, "Afgevallen aanbieders", "Aanbieders die bij de evaluatie afvielen.")       \
  I(act_started, "Gestarte sociale activering", "Gestarte trajecten sociale activering.")          \
  I(act_improved_share, "Activering: trede gestegen",                                              \
    "Aandeel van de activeringscliënten dat ten minste één trede op de participatieladder "     \
    "steeg.")                                                                                      \
  I(act_volunteer, "Activering: structureel vrijwilligerswerk",                                    \
    "Activeringscliënten in structureel vrijwilligerswerk (de vrijwilligerstrede of hoger) aan "  \
    "het einde van hun activering.")                                                               \
  I(act_volunteer_share, "Activering: aandeel in structureel vrijwilligerswerk",                   \
    "Aandeel van de activeringscliënten in structureel vrijwilligerswerk aan het einde (001: 8 "  \
    "van de 206).")                                                                                \
  I(act_to_work, "Activering: werk gevonden",                                                      \
    "Activeringscliënten die tijdens hun activering naar een reguliere baan uitstroomden, langs " \
    "welke route ook.")                                                                            \
  I(act_to_work_share, "Activering: aandeel naar werk",                                            \
    "Aandeel van de activeringscliënten dat tijdens de activering naar een reguliere baan "       \
    "uitstroomde (001: 3 van de 206).")                                                            \
  I(act_stopped, "Activering gestopt", "Activeringscliënten die stopten (afwezigheid).")           \
  I(violations, "Overtredingen van plichten",                                                      \
    "Overtredingen van een plicht (re-integratie, administratief, inlichtingen).")                 \
  I(violations_detected, "Ontdekte overtredingen", "Overtredingen die zijn ontdekt.")              \
  I(signals_lost, "Verloren signalen",                                                             \
    "Ontdekte overtredingen waarvan het signaal tussen gescheiden consulenten verloren ging.")     \
  I(actions_slipped, "Doorgeglipte acties",                                                        \
    "Acties die erdoor glipten (integraal klantmanagement).")                                      \
  I(sanctions_maatregel, "Opgelegde maatregelen",                                                  \
    "Verlagingen van de uitkering over de hele gesimuleerde periode.")                             \
  I(sanctions_suspension, "Opschortingen",                                                         \
    "Opschortingen van de uitkering met een hersteltermijn.")                                      \
  I(sanctions_recovery, "Terugvorderingen wegens fraude", "Terugvorderingen van fraudeschade.")    \
  I(sanction_amount_eur, "Ingehouden door maatregelen", "Door maatregelen ingehouden uitkering.")  \
  I(recovered_fraud_eur, "Teruggevorderde fraudeschade",                                           \
    "Geïnde fraudeschade met rente en administratiekosten (de vorderingen x de "                  \
    "invorderingsgraad).")                                                                         \
  I(recovery_claimed_eur, "Gevorderde fraudeschade",                                               \
    "Teruggevorderde fraudeschade met rente en administratiekosten (geïnd = gevorderd x de "      \
    "invorderingsgraad).")                                                                         \
  I(fraud_damage_eur, "Fraudeschade",                                                              \
    "Schade door schending van de inlichtingenplicht, ontdekt of niet (groeit zolang niet "        \
    "ontdekt).")                                                                                   \
  I(fraud_damage_undetected_eur, "Nooit ontdekte fraudeschade",                                    \
    "Van de fraudeschade: het deel dat nooit is ontdekt.")                                         \
  I(consultant_utilisation, "Benutting van de consulenten",                                        \
    "Genomen aanbodbeslissingen als aandeel van de geboden consulentcapaciteit.")                  \
  I(consultant_mean_wait_days, "Wachten op een consulent",                                         \
    "Gemiddeld aantal dagen dat een verzoek om diagnose of aanbod op een consulent wachtte.")      \
  I(consultant_mean_caseload, "Caseload",                                                          \
    "Gemiddeld aantal cliënten in de uitkering per fte re-integratie.")                            \
  I(benefit_spend_eur, "Uitkeringslasten",                                                         \
    "Betaalde uitkering, minus maatregelen (het inkomensdeel).")                                   \
  I(traj_spend_effort_eur, "Trajectbetalingen: inspanning",                                        \
    "Trajectbetalingen voor inspanning zonder uitstroom (no cure, less pay).")                     \
  I(traj_spend_subsidised_eur, "Trajectbetalingen: gesubsidieerd werk",                            \
    "Trajectbetalingen voor uitstroom naar gesubsidieerd werk.")                                   \
  I(traj_spend_regular_eur, "Trajectbetalingen: reguliere baan",                                   \
    "Trajectbetalingen voor uitstroom naar een reguliere baan.")                                   \
  I(work_first_spend_eur, "Uitgaven work-first", "Work-first-plaatsingen en nazorg (werkdeel).")   \
  I(activation_spend_eur, "Uitgaven sociale activering", "Stappen sociale activering (werkdeel).") \
  I(subsidy_spend_eur, "Loonkostensubsidies",                                                      \
    "Subsidies voor gesubsidieerd werk, bijv. de eenmalige opstapbaanpremie (werkdeel).")          \
  I(funded_employment_spend_eur, "Gefinancierde banen (verloning)",                                \
    "Betaald werk dat uit het werkdeel wordt gefinancierd (verloningstraject).")                   \
  I(intake_spend_eur, "Intakekosten", "Kosten van intakes en huisbezoeken.")                       \
  I(consultant_spend_eur, "Kosten consulenten",                                                    \
    "Kosten van de consulenten (fte) over de periode (uit de eigen middelen van de gemeente).")    \
  I(inkomensdeel_eur, "Betaalde uitkering (inkomensdeel)",                                         \
    "Uitkeringsbetalingen over de hele gesimuleerde periode.")                                     \
  I(werkdeel_eur, "Re-integratie-uitgaven (werkdeel)",                                             \
    "Trajecten, work-first, activering, subsidies en gefinancierde banen over de periode.")        \
  I(budget_total_eur, "Totale uitgaven (inkomensdeel + werkdeel + consulenten)",                   \
    "Betaalde uitkering (inkomensdeel), re-integratie-uitgaven (werkdeel) en de kosten van de "    \
    "consulenten over de periode: wat een beleid de budgetten van de gemeente in totaal kost.")    \
  I(traj_parked, "Door de aanbieder geparkeerde trajecten",                                        \
    "Trajecten waarin de aanbieder de cliënt parkeerde (verwachte betaling onder de kosten).")     \
  I(traj_parked_share, "Aandeel geparkeerde trajecten",                                            \
    "Geparkeerde trajecten als aandeel van alle gestarte trajecten.")                              \
  I(provider_reports_parked, "Rapportages met een geparkeerde cliënt",                             \
    "Kwartaalrapportages van aanbieders waaruit bleek dat geen ondersteuning werd gegeven.")       \
  I(provider_intake_stops, "Intakestops voor aanbieders",                                          \
    "Intakestops die de gemeente aanbieders oplegde wegens parkeren.")                             \
  I(workload_utilisation, "Gebruikte consulenturen",                                               \
    "Uren besteed aan taken als aandeel van de consulenturen (werklastmodel).")                    \
  I(workload_eligibility_share, "Uren voor rechtmatigheid",                                        \
    "Aandeel van de uren besteed aan intake, inkomenscontroles, sancties en heronderzoek.")        \
  I(workload_contacts_done, "Gerealiseerde contactmomenten",                                       \
    "Uren aan gehouden contactmomenten als aandeel van de verschuldigde (werklastmodel).")         \
  I(workload_reexam_done, "Gerealiseerde heronderzoeken",                                          \
    "Uren aan periodiek heronderzoek als aandeel van de verschuldigde (werklastmodel).")           \
  I(workload_mean_fte, "Consulent-fte (werklastmodel)",                                            \
    "Gemiddelde fte van beide rollen in het werklastmodel (zonder het model: "                     \
    "case_management.consultants_fte).")                                                           \
  I(places_queued_work_first, "Gewacht op een work-first-plek",                                    \
    "Cliënten die alle work-first-plaatsen bezet vonden.")                                         \
  I(places_queued_subsidised, "Gewacht op een gesubsidieerde baan",                                \
    "Cliënten die alle gesubsidieerde banen (ID/WIW, opstapbaan) bezet vonden.")                   \
  I(places_queued_funded, "Gewacht op een gefinancierde baan",                                     \
    "Cliënten die alle gefinancierde banen (verloning) bezet vonden.")                             \
  I(covenant_placements, "Plaatsingen via een convenant",                                          \
    "Cliënten geplaatst bij een werkgever van een convenant.")                                     \
  I(places_mean_wait_days, "Wachten op een plek",                                                  \
    "Gemiddeld aantal dagen dat een cliënt uit een wachtrij voor een plek wachtte.")               \
  I(inkomensdeel_surplus_y1_eur, "Overschot inkomensdeel, jaar 1",                                 \
    "Budget minus betaalde uitkering in kalenderjaar 1 (negatief: tekort).")                       \
  I(inkomensdeel_surplus_y2_eur, "Overschot inkomensdeel, jaar 2",                                 \
    "Budget minus betaalde uitkering in kalenderjaar 2.")                                          \
  I(inkomensdeel_surplus_y3_eur, "Overschot inkomensdeel, jaar 3",                                 \
    "Budget minus betaalde uitkering in kalenderjaar 3.")                                          \
  I(werkdeel_y1_eur, "Besteed werkdeel, jaar 1", "Uitgaven uit het werkdeel in kalenderjaar 1.")   \
  I(werkdeel_y2_eur, "Besteed werkdeel, jaar 2", "Uitgaven uit het werkdeel in kalenderjaar 2.")   \
  I(werkdeel_y3_eur, "Besteed werkdeel, jaar 3", "Uitgaven uit het werkdeel in kalenderjaar 3.")   \
  I(budget_refused_funded, "Geweigerde gefinancierde banen (werkdeel)",                            \
    "Uitstroom naar een gefinancierde baan die een opstapbaan werd omdat het werkdeel op was.")    \
  I(avdt_subsidy_eur, "AvdT-subsidie",                                                             \
    "Subsidie per gerealiseerd traject tot het afgesproken aantal (Agenda voor de Toekomst).")     \
  I(median_spell_days, "Mediane uitkeringsduur",                                                   \
    "De helft van de uitkeringen van het cohort eindigde binnen zoveel dagen (Kaplan-Meier; n.b. " \
    "als meer dan de helft aan het einde van de horizon nog loopt).")

/* ------------------------------------------------------------- terms (nl)
 * T(kind, name, Dutch) for the members of the other lists a reader sees
 * (bs_term_kind in lang.h), by the name the code uses. */
#define BS_NL_TERM_LIST(T)                                                                         \
  T(GATE, "discouraged", "ontmoedigd")                                                             \
  T(GATE, "withdrew_after_municipal_intake", "afgezien na gemeentelijke intake")                   \
  T(GATE, "home_visit_denied", "huisbezoek: afgewezen")                                            \
  T(GATE, "work_first_gate_withdrew", "work-first aan de poort: afgezien")                         \
  T(GATE, "no_right_to_benefit", "geen recht op uitkering")                                        \
  T(GATE, "mediated_to_work", "naar werk bemiddeld")                                               \
  T(INSTRUMENT, "work_first", "work-first")                                                        \
  T(INSTRUMENT, "trajectory", "re-integratietrajecten")                                            \
  T(INSTRUMENT, "activation", "sociale activering")                                                \
  T(INSTRUMENT, "sanctions", "sancties")                                                           \
  T(INSTRUMENT, "home_visits", "huisbezoeken")                                                     \
  T(PROGRAMME, "none", "geen programma")                                                           \
  T(PROGRAMME, "cwi", "CWI-bemiddeling (fase 1)")                                                  \
  T(PROGRAMME, "work_first", "work-first")                                                         \
  T(PROGRAMME, "trajectory", "re-integratietraject")                                               \
  T(PROGRAMME, "activation", "sociale activering")                                                 \
  T(OUTCOME, "left_benefit_12m", "binnen 12 maanden de uitkering verliet")                         \
  T(OUTCOME, "work_12m", "binnen 12 maanden naar werk uitstroomde")                                \
  T(OUTCOME, "work_24m", "binnen 24 maanden naar werk uitstroomde")                                \
  T(OUTCOME, "work_36m", "binnen 36 maanden naar werk uitstroomde")                                \
  T(GROUP, "participants", "alle deelnemers")                                                      \
  T(GROUP, "phase_1", "fase 1")                                                                    \
  T(GROUP, "phase_2", "fase 2")                                                                    \
  T(GROUP, "phase_3", "fase 3")                                                                    \
  T(GROUP, "phase_4", "fase 4")                                                                    \
  T(GROUP, "near", "dicht bij de arbeidsmarkt")                                                    \
  T(GROUP, "far", "ver van de arbeidsmarkt")                                                       \
  T(GROUP, "whole_cohort", "het hele cohort")                                                      \
  T(GROUP_CHART, "participants", "alle\ndeelnemers")                                               \
  T(GROUP_CHART, "phase_1", "fase 1")                                                              \
  T(GROUP_CHART, "phase_2", "fase 2")                                                              \
  T(GROUP_CHART, "phase_3", "fase 3")                                                              \
  T(GROUP_CHART, "phase_4", "fase 4")                                                              \
  T(GROUP_CHART, "near", "dicht bij de\narbeidsmarkt")                                             \
  T(GROUP_CHART, "far", "ver van de\narbeidsmarkt")                                                \
  T(GROUP_CHART, "whole_cohort", "het hele\ncohort")                                               \
  T(UNIT, "count", "aantal")                                                                       \
  T(UNIT, "share", "aandeel")                                                                      \
  T(UNIT, "days", "dagen")                                                                         \
  T(UNIT, "EUR", "EUR")                                                                            \
  T(UNIT, "clients per FTE", "cliënten per fte")                                                   \
  T(PARAM, "trajectory.lock_in", "vermenigvuldiger van de baankans tijdens een traject")           \
  T(PARAM, "case_management.model", "integraal of gescheiden klantmanagement")                     \
  T(PARAM, "case_management.consultants_fte", "re-integratieconsulenten (fte)")                    \
  T(PARAM, "trajectory.effort_share", "no cure, less pay: deel betaald voor inspanning")           \
  T(PARAM, "outflow.job_rate_per_year", "baankans per jaar (op afstand 0)")                        \
  T(PARAM, "inflow.applications_per_year", "aanvragen per jaar")                                   \
  T(TRAIT, "single", "alleenstaand")                                                               \
  T(TRAIT, "couple", "paar")                                                                       \
  T(TRAIT, "single_parent", "alleenstaande ouder")                                                 \
  T(TRAIT, "medical", "medisch")                                                                   \
  T(TRAIT, "psychosocial", "psychosociaal")                                                        \
  T(TRAIT, "debts", "schulden")                                                                    \
  T(TRAIT, "language", "taal")                                                                     \
  T(TRAIT, "none", "geen")                                                                         \
  T(TRAIT, "far", "ver")                                                                           \
  T(TRAIT, "near", "dichtbij")                                                                     \
  T(STAGE, "inflow", "instroom")                                                                   \
  T(STAGE, "gatekeeping", "poortwachter")                                                          \
  T(STAGE, "cwi", "cwi")                                                                           \
  T(STAGE, "exemption", "ontheffing")                                                              \
  T(STAGE, "diagnosis", "diagnose")                                                                \
  T(STAGE, "case_management", "klantmanagement")                                                   \
  T(STAGE, "work_first", "work-first")                                                             \
  T(STAGE, "trajectory", "traject")                                                                \
  T(STAGE, "activation", "sociale activering")                                                     \
  T(STAGE, "places", "plaatsen")                                                                   \
  T(STAGE, "sanctions", "sancties")                                                                \
  T(STAGE, "outflow", "uitstroom")                                                                 \
  T(STAGE, "horizon", "horizon")                                                                   \
  T(SOURCE, "literature", "literatuur")                                                            \
  T(SOURCE, "assumption", "aanname")                                                               \
  T(SOURCE, "calibrated", "gekalibreerd")                                                          \
  T(SOURCE, "model setting", "modelinstelling")                                                    \
  T(SOURCE, "seed", "seed")                                                                        \
  T(SOURCE, "not stated", "niet vermeld")

/* ---------------------------------------------------------- trace (nl)
 * TR(code, Dutch format) for every code of the client trace: the rows of
 * models/trace_events.h and leave_ROUTE for the routes of BS_ROUTE_LIST.
 * The Dutch format takes the same printf conversions as the English, in the
 * same order (tests/test_lang.c); floating values are written with the
 * decimal comma (bs_trace_vformat in lang.h). */
#define BS_NL_TRACE_LIST(TR)                                                                        \
  TR(apply,                                                                                         \
     "vraagt bijstand aan (leeftijd %.1f, afstand %.2f, trede %u van de participatieladder)")       \
  TR(reapply, "vraagt opnieuw aan (herinstroom, uitkering %u)")                                     \
  TR(claim_intake_cwi, "uitkeringsintake door het CWI")                                             \
  TR(claim_intake_municipality, "uitkeringsintake door de gemeente")                                \
  TR(discouraged, "ontmoedigd, trekt de aanvraag in")                                               \
  TR(home_visit_denied, "huisbezoek: aanvraag ingetrokken of afgewezen")                            \
  TR(home_visit_ok, "huisbezoek: geen bezwaar")                                                     \
  TR(work_first_gate, "moet werken voor de uitkering (work-first aan de poort): ziet af")           \
  TR(municipal_withdrew, "ziet af na de uitkeringsintake door de gemeente")                         \
  TR(mediated, "kansrijk: direct bemiddeld naar een uitzendbureau, vindt werk")                     \
  TR(ineligible, "geen recht op uitkering: afgewezen")                                              \
  TR(admitted, "recht op bijstand: in de uitkering, %.0f EUR per maand")                            \
  TR(in_stock, "in de bijstand sinds dag %.0f (het beginbestand), %.0f EUR per maand")              \
  TR(work_intake, "werkintake: kansmeter fase %d")                                                  \
  TR(kwint_corrects, "kwalificerende intake (Kwint) corrigeert de fase naar %d")                    \
  TR(kwint_confirms, "kwalificerende intake (Kwint) bevestigt fase %d")                             \
  TR(cwi_mediation, "fase 1: het CWI bemiddelt naar werk, hoogstens %.0f dagen")                    \
  TR(referred, "fase %u -> doorverwezen naar de gemeente")                                          \
  TR(cwi_mediation_ends,                                                                            \
     "geen baan na bemiddeling door het CWI: als fase 2 doorverwezen naar de gemeente")             \
  TR(exempt, "vrijgesteld van de arbeidsplicht (vrijstelling)")                                     \
  TR(exempt_misregistered,                                                                          \
     "vrijgesteld van de arbeidsplicht (vrijstelling); de administratie registreert het verkeerd")  \
  TR(obliged, "verplicht te werken of zich voor te bereiden op werk (arbeidsplicht)")               \
  TR(obliged_misregistered, "verplicht te werken of zich voor te bereiden op werk "                 \
                            "(arbeidsplicht); de administratie registreert het verkeerd")           \
  TR(de_facto, "de facto ontheven: als arbeidsplichtig geregistreerd, nooit opgeroepen")            \
  TR(de_facto_ends, "opnieuw opgeroepen: de feitelijke ontheffing eindigt")                         \
  TR(exemption_ends, "opnieuw opgeroepen: de individuele ontheffing eindigt")                       \
  TR(exemption_stays, "opnieuw opgeroepen: de ontheffing blijft")                                   \
  TR(long_term, "een jaar in de uitkering: langdurig")                                              \
  TR(diagnosis_starts, "diagnose bij de gemeente, klaar over %.0f dagen")                           \
  TR(diagnosis_queued, "wacht op een diagnose: de diagnoses van vandaag zijn vergeven")             \
  TR(diagnosis_waits_kwint, "wacht tot de Kwint klaar is (over %.0f dagen)")                        \
  TR(diagnosed, "diagnose (door de gemeente): vastgestelde afstand %.2f")                           \
  TR(diagnosed_independent, "diagnose (onafhankelijk): vastgestelde afstand %.2f")                  \
  TR(offer_later, "een trajectaanbod wordt overwogen na %.0f dagen in de uitkering")                \
  TR(offer_queued, "wacht op een trajectaanbod (wachtrij van %zu)")                                 \
  TR(offer_slips, "het aanbod schiet erbij in (te veel taken); later opnieuw")                      \
  TR(offer_waited,                                                                                  \
     "wachtte %.0f dagen op het aanbod: de tijd van de consulent ging eerst naar %s")               \
  TR(wf_placed, "meteen geplaatst door het productiehuis (20 uur werk + 12 uur zoeken)")            \
  TR(wf_deterred, "afgeschrikt door de werkplicht")                                                 \
  TR(wf_placement, "diagnose klaar; werkstage van hoogstens %.0f dagen")                            \
  TR(wf_subsidised, "stage eindigt zonder baan: vervolg in gesubsidieerde arbeid")                  \
  TR(wf_trajectory, "stage eindigt zonder baan: vervolgtraject")                                    \
  TR(wf_aftercare, "%.0f dagen nazorg")                                                             \
  TR(wf_after, "na het programma: zoekintensiteit x%.2f voor de rest van de uitkering")             \
  TR(traj_offered_paid,                                                                             \
     "krijgt een re-integratietraject aangeboden bij %s, gericht op betaald werk, %.0f dagen")      \
  TR(traj_offered_care,                                                                             \
     "krijgt een re-integratietraject aangeboden bij %s, zorggericht, %.0f dagen")                  \
  TR(traj_parked, "de aanbieder parkeert de cliënt: verwachte betaling %.0f EUR ligt onder de "    \
                  "kosten van %.0f EUR")                                                            \
  TR(traj_worked, "de aanbieder gaat met de cliënt aan de slag: verwachte betaling %.0f EUR dekt " \
                  "de kosten van %.0f EUR")                                                         \
  TR(traj_report_parked,                                                                            \
     "kwartaalrapportage: geen ondersteuning gegeven (de cliënt is geparkeerd)")                    \
  TR(traj_no_show, "kwartaalrapportage: de cliënt is niet verschenen")                              \
  TR(traj_on_track, "kwartaalrapportage: op schema")                                                \
  TR(traj_job, "eindigt met een reguliere baan (>= 6 maanden, >= 20 uur per week): 100%%-klasse")   \
  TR(traj_funded, "eindigt in werk dat uit het werkdeel wordt betaald (verloning)")                 \
  TR(traj_subsidised, "eindigt in gesubsidieerd werk (opstapbaan)")                                 \
  TR(traj_effort, "eindigt zonder uitstroom: aanbieder betaald voor inspanning (%.0f%%)")           \
  TR(traj_after, "na het programma: zoekintensiteit x%.2f voor de rest van de uitkering")           \
  TR(act_starts, "diagnose: sociale activering vanaf trede %u van de participatieladder")           \
  TR(act_progress, "vooruitgang: trede %u van de participatieladder")                               \
  TR(act_relapse, "terugval: trede %u van de participatieladder")                                   \
  TR(act_no_progress, "evaluatie: geen vooruitgang")                                                \
  TR(act_distance, "afstand tot de arbeidsmarkt nu %.2f")                                           \
  TR(act_ready, "klaar voor werk: doorverwezen naar een traject (trede %u)")                        \
  TR(act_stops, "stopt (afwezigheid) (trede %u)")                                                   \
  TR(act_completed, "activeringstraject afgerond (trede %u)")                                       \
  TR(act_volunteer, "structureel vrijwilligerswerk")                                                \
  TR(act_work, "vindt betaald werk")                                                                \
  TR(place_wait, "alle plaatsen zijn bezet: wacht op %s (wachtrij van %zu)")                        \
  TR(place_subsidised,                                                                              \
     "er is een gesubsidieerde baan vrij: begint in gesubsidieerd werk (opstapbaan)")               \
  TR(place_funded, "er is een gefinancierde baan vrij: werk betaald uit het werkdeel")              \
  TR(place_covenant, "geplaatst bij een werkgever van een convenant: reguliere baan")               \
  TR(enforced, "hoogwaardig handhaven: zoekintensiteit x%.2f")                                      \
  TR(threat, "zoeken naar werk gecontroleerd onder dreiging van een maatregel (x%.2f)")             \
  TR(violation, "overtreding %u: schendt de %s")                                                    \
  TR(detected,                                                                                      \
     "overtreding %u ontdekt: de beslissende consulent heeft het signaal over %.0f dagen")          \
  TR(signal_lost, "overtreding %u ontdekt, maar het signaal raakt zoek tussen de consulenten")      \
  TR(action_slips, "overtreding %u ontdekt, maar de klantmanager laat het liggen (te veel taken)")  \
  TR(maatregel, "maatregel voor overtreding %u (%s): %.0f%% van de uitkering gedurende %.0f "       \
                "dagen (hoogstens %.0f EUR)")                                                       \
  TR(sanction_effect,                                                                               \
     "na de maatregel voor overtreding %u: zoekintensiteit x%.2f gedurende %.0f dagen")             \
  TR(suspended, "uitkering opgeschort voor overtreding %u (%s): %.0f dagen om te herstellen "       \
                "(hersteltermijn)")                                                                 \
  TR(repaired, "overtreding %u op tijd hersteld: de uitkering loopt weer")                          \
  TR(not_repaired, "overtreding %u niet hersteld: uitkering beëindigd")                             \
  TR(fraud_stopped,                                                                                 \
     "overtreding %u is fraude met schade: uitkering stopgezet, schade teruggevorderd")             \
  TR(fraud_recovered, "overtreding %u is fraude met schade: schade teruggevorderd")                 \
  TR(job, "een baan van %.0f uur per week voor %.0f dagen")                                         \
  TR(leave_regular_work, "verlaat de bijstand voor een reguliere baan")                             \
  TR(leave_subsidised_work, "verlaat de bijstand voor gesubsidieerde arbeid")                       \
  TR(leave_funded_employment,                                                                       \
     "verlaat de bijstand voor een baan betaald uit het werkdeel (verloningstraject)")              \
  TR(leave_other_income, "verlaat de bijstand: ander inkomen (partner, andere uitkering)")          \
  TR(leave_moving, "verlaat de bijstand: verhuist naar een andere gemeente")                        \
  TR(leave_age, "verlaat de bijstand: ouderdomspensioen (AOW)")                                     \
  TR(leave_fraud_stop, "verlaat de bijstand: uitkering stopgezet wegens fraude")                    \
  TR(leave_withdrawal, "vertrekt: aanvraag ingetrokken of uitkering gestopt (intrekking)")          \
  TR(leave_admin_end,                                                                               \
     "verlaat de bijstand: uitkering beëindigd, plicht niet hersteld (beëindiging)")

/* A(English, Dutch) for the `%s` arguments of the trace that are labels of
 * a domain list (a duty, a place, a consultant's task); names from the
 * scenario (providers) stay as they are. */
#define BS_NL_TRACE_ARG_LIST(A)                                                                    \
  A("re-integration duty", "re-integratieplicht")                                                  \
  A("administrative duty", "administratieve plicht")                                               \
  A("duty to inform (fraud)", "inlichtingenplicht (fraude)")                                       \
  A("a work-first placement", "een work-first-plaats")                                             \
  A("a subsidised job", "een gesubsidieerde baan")                                                 \
  A("a funded job (verloning)", "een gefinancierde baan (verloning)")                              \
  A("a covenant employer's job", "een baan bij een convenantwerkgever")                            \
  A("intake", "intakewerk")                                                                        \
  A("income_check", "inkomenscontroles")                                                           \
  A("sanction", "sancties")                                                                        \
  A("reexamination", "heronderzoeken")                                                             \
  A("handover", "overdrachten")                                                                    \
  A("diagnosis", "diagnoses")                                                                      \
  A("steering", "sturing")                                                                         \
  A("offer", "aanbiedingen")                                                                       \
  A("contact", "contactmomenten")

#endif
