/**
 * Internal, not API: no compatibility is promised and the module does not export it. Output for
 * evaluation: {@link dev.sectionsearch.internal.trec.TrecRun} writes search results as a TREC run
 * file, the six-column format that {@code trec_eval} and the published baselines of public test
 * collections read, so that the CLI's batch mode and the bench can measure ranking against their
 * relevance judgments.
 */
package dev.sectionsearch.internal.trec;
