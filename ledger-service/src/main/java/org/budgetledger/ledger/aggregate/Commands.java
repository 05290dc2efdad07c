package org.budgetledger.ledger.aggregate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.budgetledger.contract.UnitProfile;
import org.budgetledger.contract.event.Recording;
import org.budgetledger.ledger.posting.domain.PostingInput;

/** The commands a ledger (one unit's fiscal year) handles. */
public final class Commands {

    private Commands() {}

    /** Create or replace the unit's profile for the year; the parent rules were checked against the directory. */
    public record ProfileUnit(@TargetAggregateIdentifier String ledgerId, UnitProfile profile, Recording recording) {}

    /** One posting as received, with the request or Kafka record it came from and who sent it (Recording.actor). */
    public record Submission(PostingInput input, String correlationId, String origin, String actor) {}

    /** Record postings of this ledger, in order; each is decided on the state the previous ones left. */
    public record RecordPostings(
            @TargetAggregateIdentifier String ledgerId, List<Submission> submissions, Instant recordedAt) {
        public RecordPostings {
            submissions = List.copyOf(submissions);
        }
    }

    public record RecordNarrative(
            @TargetAggregateIdentifier String ledgerId, Map<String, String> sections, Recording recording) {
        public RecordNarrative {
            sections = Map.copyOf(sections);
        }
    }

    /** Record the published figures of a year the ledger did not record (validated against the tables' own rules). */
    public record ImportFigures(
            @TargetAggregateIdentifier String ledgerId,
            Map<String, Long> cells,
            org.budgetledger.contract.event.FiguresImported.Source source,
            Recording recording) {
        public ImportFigures {
            cells = Map.copyOf(cells);
        }
    }

    /** What an import did. */
    public enum ImportOutcome {
        IMPORTED,
        UNCHANGED,
        HOLDS_POSTINGS,
        YEAR_CLOSED
    }

    /**
     * Record that the department's disclosure was published at these positions with this digest. Allowed after the
     * close: publishing changes no figure.
     */
    public record RecordPublication(
            @TargetAggregateIdentifier String ledgerId,
            String publicationId,
            Map<String, Long> positions,
            String digest,
            int cellCount,
            String note,
            Recording recording) {
        public RecordPublication {
            positions = Map.copyOf(positions);
        }
    }

    /** A recorded publication: its event's sequence in the ledger and when it was recorded. */
    public record Published(String publicationId, long sequence, java.time.Instant publishedAt) {}

    /** Close the year; answers the YearClosed event (the earlier one when the year was closed already). */
    public record CloseYear(@TargetAggregateIdentifier String ledgerId, Recording recording) {}

    /** A closed year and its digest: the hash chain's head right after the close. */
    public record Closed(org.budgetledger.contract.event.YearClosed event, String digest) {}

    /** @param imported the SHA-256 of the file whose figures the year holds instead of postings (null: none) */
    public record LedgerSummary(
            String ledgerId,
            long nextSequence,
            int postings,
            boolean closed,
            Map<org.budgetledger.contract.FundSource, org.budgetledger.contract.Money> available,
            String chainHead,
            String imported) {}
}
