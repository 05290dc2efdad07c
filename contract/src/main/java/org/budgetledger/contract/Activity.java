package org.budgetledger.contract;

/** What an expenditure paid for, with counts for the narrative (团组, 人次). Counts may be absent. */
public record Activity(Kind kind, Integer groups, Integer persons) {

    public enum Kind {
        MEETING,
        TRAINING,
        FESTIVAL,
        RECEPTION,
        OVERSEAS_TRIP,
        VEHICLE
    }
}
