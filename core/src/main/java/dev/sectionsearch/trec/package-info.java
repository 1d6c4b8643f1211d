/**
 * Output for evaluation: {@link dev.sectionsearch.trec.TrecRun} writes search results as a TREC run
 * file, the six-column format that {@code trec_eval} and the published baselines of public test
 * collections read, so that a program (the CLI's batch mode, the bench) can measure its ranking
 * against their relevance judgments. Independent of the other packages.
 */
package dev.sectionsearch.trec;
