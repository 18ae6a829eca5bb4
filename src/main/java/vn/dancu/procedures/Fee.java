package vn.dancu.procedures;

import vn.dancu.procedures.payments.PaymentOrder;

/**
 * What an application costs before it is handled: a fee (lệ phí) set by a circular of the Ministry of
 * Finance, or a fine. {@code amount} in whole đồng; {@code source}: the legal text that sets it.
 */
public record Fee(long amount, PaymentOrder.Purpose purpose, String descriptionVi, String descriptionEn, String source) {

    public Fee {
        if (amount <= 0) {
            throw new IllegalArgumentException("A fee is a positive amount; a procedure without one declares none");
        }
    }

    public static Fee of(long amount, String descriptionVi, String descriptionEn, String source) {
        return new Fee(amount, PaymentOrder.Purpose.FEE, descriptionVi, descriptionEn, source);
    }
}
