package org.budgetledger.ledger.posting;

import java.util.function.Function;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.budgetledger.ledger.aggregate.Ledger;
import org.springframework.stereotype.Component;

/**
 * Answers questions about a ledger's state without sending it a command: the ledger is loaded as a command would load
 * it (from the cache, checked against the store), asked, and nothing is appended. Queries stay off the aggregate's
 * command handlers, which only decide and record.
 */
@Component
public class LedgerReader {

    private final Repository<Ledger> ledgers;

    public LedgerReader(Repository<Ledger> ledgers) {
        this.ledgers = ledgers;
    }

    /** The answer of {@code question} on the ledger as it stands; Axon's AggregateNotFoundException if it has no events. */
    public <R> R read(String ledgerId, Function<Ledger, R> question) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericMessage.asMessage(ledgerId));
        ResultMessage<R> answer =
                unitOfWork.executeWithResult(() -> ledgers.load(ledgerId).invoke(question));
        if (answer.isExceptional()) {
            Throwable cause = answer.exceptionResult();
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
        return answer.getPayload();
    }
}
