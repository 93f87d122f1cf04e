package io.venndb.bench.truth;

/**
 * The exact answer to one task and the counts that describe it.
 *
 * @param expected rows a correct answer has: min(k, matching) for top-k, min(cap, matching) for
 *     a range task
 * @param boundary similarity of the {@code expected}-th true row (top-k), or the threshold
 *     (range); NaN when nothing matches
 * @param matching rows satisfying the whole predicate (filter, NOT, threshold)
 * @param filterMatching rows passing the scalar filter alone (all rows when there is none)
 * @param negativeCount rows with sim(x, B) > β, |C_B| (0 without a vector NOT)
 * @param rows the true answer, best first
 */
public record TaskTruth(int expected, float boundary, int matching, int filterMatching, int negativeCount, int[] rows) {}
