package vn.dancu.procedures.appendix;

import java.text.NumberFormat;
import java.util.Locale;

/** Amounts as the decisions write them: "2.340.000 đồng". */
final class Money {

    private Money() {
    }

    static String vnd(long amount) {
        return NumberFormat.getIntegerInstance(Locale.forLanguageTag("vi-VN")).format(amount) + " đồng";
    }
}
