package org.budgetledger.projection.checks.domain;

/**
 * Posting-level counts for the warnings L05–L07, over the department's postings of the year net of reversals.
 * Each is null when not known.
 *
 * @param fiscalExpenditureOtherKind EXPENDITURE postings with a fiscal fund source and a kind other than BASIC or
 *                                   PROJECT (L05)
 * @param smallMicroWithoutSme       PROCUREMENT postings with smallMicroAwarded and not smeAwarded (L06)
 * @param stateCapitalPostings       postings of any type with fund source STATE_CAPITAL (L07; only counted against a
 *                                   template without 国有资本经营 rows, i.e. 2019 and earlier)
 */
public record PostingCounts(
        Integer fiscalExpenditureOtherKind, Integer smallMicroWithoutSme, Integer stateCapitalPostings) {

    public static final PostingCounts NONE = new PostingCounts(0, 0, 0);
}
