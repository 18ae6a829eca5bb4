package vn.dancu.exchange;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The data products (named sets of fields) with their fees, as versioned data
 * ({@code exchange.product}): the fee charged for an answer is the one in force on the day it is
 * given. Read once at start; a new fee is a new row and a restart.
 */
@Component
class Products {

    record Version(String code, int version, String nameVi, String nameEn, List<String> fields, int feePerField,
                   LocalDate validFrom, LocalDate validTo) {

        boolean inForceOn(LocalDate day) {
            return !validFrom.isAfter(day) && (validTo == null || !validTo.isBefore(day));
        }
    }

    /**
     * Products that answer with figures, not with a person's data (the open statistics, served by
     * the statistics module): a person query never names them and no citizen consents to them.
     */
    static final Set<String> AGGREGATE = Set.of("statistics");

    private final Map<String, List<Version>> byCode = new LinkedHashMap<>();

    Products(JdbcClient jdbc) {
        jdbc.sql("select code, version, name_vi, name_en, fields, fee_per_field, valid_from, valid_to from exchange.product order by code, version")
                .query((rs, n) -> new Version(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        List.of((String[]) rs.getArray(5).getArray()), rs.getInt(6), rs.getObject(7, LocalDate.class),
                        rs.getObject(8, LocalDate.class)))
                .list().forEach(v -> byCode.computeIfAbsent(v.code(), c -> new ArrayList<>()).add(v));
    }

    Set<String> codes() {
        return byCode.keySet();
    }

    /** The version in force on a day; a product has one on every day from its first version. */
    Version on(String code, LocalDate day) {
        return byCode.getOrDefault(code, List.of()).stream().filter(v -> v.inForceOn(day)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No version of product " + code + " is in force on " + day));
    }

    List<Version> all(LocalDate day) {
        return byCode.keySet().stream().map(c -> on(c, day)).toList();
    }

    /** The fields of these products, in the products' order. */
    List<String> fields(List<String> codes, LocalDate day) {
        Set<String> fields = new LinkedHashSet<>();
        codes.forEach(c -> fields.addAll(on(c, day).fields()));
        return List.copyOf(fields);
    }
}
