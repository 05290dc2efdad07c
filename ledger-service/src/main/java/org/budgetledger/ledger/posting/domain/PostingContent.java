package org.budgetledger.ledger.posting.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.budgetledger.contract.Money;

/**
 * The identity of a posting's content: a hash over every contract field as sent, amounts compared as numbers
 * ("12.5" = "12.50"). The same sourceSystem + postingId with the same hash is a duplicate, with another a conflict.
 * Each field is length-prefixed, so no text can imitate a field boundary or an absent field.
 */
public final class PostingContent {

    private static final Pattern AMOUNT = Pattern.compile("-?\\d{1,15}(\\.\\d{1,2})?");

    private PostingContent() {}

    public static String hash(PostingInput in) {
        StringBuilder canonical = new StringBuilder(256);
        Object[] fields = {
            in.postingId(),
            in.sourceSystem(),
            in.unitCode(),
            in.fiscalYear(),
            in.type(),
            in.fundSource(),
            in.functionalCode(),
            in.economicCode(),
            in.expenditureKind(),
            in.stage(),
            normalizedAmount(in.amount()),
            in.occurredOn(),
            in.description(),
            in.activity() == null
                    ? null
                    : in.activity().kind() + "/" + in.activity().groups() + "/"
                            + in.activity().persons(),
            in.procurement() == null
                    ? null
                    : in.procurement().category() + "/" + in.procurement().smeAwarded() + "/"
                            + in.procurement().smallMicroAwarded(),
            in.reverses(),
            in.reason()
        };
        for (Object field : fields) {
            if (field == null) {
                canonical.append('-');
            } else {
                String text = losslessUtf8(field.toString());
                canonical.append(text.length()).append(':').append(text);
            }
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /**
     * UTF-8 turns an unpaired surrogate into '?', which would make "x\ud800y" and "x?y" the same content. Such a char
     * is written as U+0001 and its hex code instead: no recordable posting contains U+0001, and text without unpaired
     * surrogates (every valid posting) is left as it is, so recorded hashes do not change.
     */
    private static String losslessUtf8(String text) {
        if (!PostingValidator.hasUnpairedSurrogate(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append('\u0001').append(Integer.toHexString(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String normalizedAmount(String amount) {
        return amount != null && AMOUNT.matcher(amount).matches()
                ? Money.parse(amount).toString()
                : amount;
    }
}
