package org.budgetledger.contract.event;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The unit's disclosure (consolidated over its department) was published: what the public saw is the cells the
 * projection answered at {@code positions}, whose canonical form hashes to {@code digest}. A fact about the history,
 * kept in the unit's hash chain; it changes no figure.
 *
 * @param publicationId the publication's identifier, unique in the installation
 * @param positions     for every member ledger of the department, how many of its events the published cells include
 * @param digest        SHA-256 (lower-case hex) of the published cells in the canonical form of docs/PUBLICATIONS.md
 * @param cellCount     how many cells were published
 * @param note          free text of the publisher (null: none)
 */
public record PublicationRecorded(
        String unitCode,
        int fiscalYear,
        String publicationId,
        Map<String, Long> positions,
        String digest,
        int cellCount,
        String note,
        Recording recording)
        implements LedgerEvent {

    public static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");

    public PublicationRecorded {
        Objects.requireNonNull(publicationId, "publicationId");
        positions = Map.copyOf(Objects.requireNonNull(positions, "positions"));
        Objects.requireNonNull(digest, "digest");
    }
}
