package org.budgetledger.ledger.posting;

/** Examples for the OpenAPI document, taken from the seed's office (HT-CAC, 2019). */
final class OpenApiExamples {

    private OpenApiExamples() {}

    static final String EXPENDITURE = """
            {"postingId": "HT-CAC-2019-00124", "sourceSystem": "treasury-payments", "unitCode": "HT-CAC", "fiscalYear": 2019,
             "type": "EXPENDITURE", "fundSource": "GENERAL_BUDGET", "functionalCode": "2013701", "economicCode": "30217",
             "expenditureKind": "BASIC", "amount": "600.00", "occurredOn": "2019-11-10", "description": "公务接待",
             "activity": {"kind": "RECEPTION", "groups": 1, "persons": 5}}""";
    static final String APPROPRIATION = """
            {"postingId": "HT-CAC-2019-00001", "sourceSystem": "treasury-payments", "unitCode": "HT-CAC", "fiscalYear": 2019,
             "type": "APPROPRIATION", "fundSource": "GENERAL_BUDGET", "functionalCode": "2013701", "amount": "63128.05",
             "occurredOn": "2019-01-02", "description": "财政拨款"}""";
    static final String BUDGET = """
            {"postingId": "HT-CAC-2019-B001", "sourceSystem": "budget-system", "unitCode": "HT-CAC", "fiscalYear": 2019,
             "type": "BUDGET", "fundSource": "GENERAL_BUDGET", "functionalCode": "2013701", "economicCode": "30217",
             "stage": "INITIAL", "amount": "1000.00", "occurredOn": "2019-01-01", "description": "公务接待费年初预算"}""";
    static final String PROCUREMENT = """
            {"postingId": "HT-CAC-2019-P001", "sourceSystem": "procurement", "unitCode": "HT-CAC", "fiscalYear": 2019,
             "type": "PROCUREMENT", "fundSource": "GENERAL_BUDGET", "functionalCode": "2013701", "amount": "28600.00",
             "occurredOn": "2019-05-20", "procurement": {"category": "GOODS", "smeAwarded": true, "smallMicroAwarded": true}}""";
    static final String REVERSAL = """
            {"postingId": "HT-CAC-2019-00146", "sourceSystem": "treasury-payments", "unitCode": "HT-CAC", "fiscalYear": 2019,
             "type": "REVERSAL", "reverses": "HT-CAC-2019-00145", "reason": "重复支付，冲销"}""";
    static final String RECORDED = """
            {"postingId": "HT-CAC-2019-00124", "status": "RECORDED", "eventId": "6f1c2e0a-5b1d-4f7e-9a55-2a3d7c1e9b10",
             "ledger": "HT-CAC:2019", "sequence": 124}""";
    static final String DUPLICATE = """
            {"postingId": "HT-CAC-2019-00124", "status": "DUPLICATE"}""";
    static final String CONFLICT = """
            {"postingId": "HT-CAC-2019-00124", "status": "CONFLICT", "error": "conflict",
             "message": "postingId HT-CAC-2019-00124 of sourceSystem treasury-payments was already recorded with different content",
             "field": "postingId"}""";
    static final String REJECTED = """
            {"postingId": "HT-CAC-2019-00124", "status": "REJECTED", "error": "amount.format",
             "message": "amount must be a yuan amount as a JSON string with at most 2 decimals, e.g. \\"4275.50\\" (got \\"12.345\\")",
             "field": "amount"}""";
    static final String BATCH = """
            {"results": [
              {"index": 0, "httpStatus": 201, "postingId": "HT-CAC-2019-00001", "status": "RECORDED", "eventId": "…", "ledger": "HT-CAC:2019", "sequence": 1},
              {"index": 1, "httpStatus": 422, "postingId": "HT-CAC-2019-00002", "status": "REJECTED", "error": "occurredOn.outside_year",
               "message": "occurredOn must lie inside the fiscal year (2020-01-03 is not in 2019)", "field": "occurredOn"}]}""";
}
