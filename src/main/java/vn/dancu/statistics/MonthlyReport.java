package vn.dancu.statistics;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * The monthly report of Project 06 for one province or the nation (docs/reports.md): the
 * programme's indicators of the month, read from the aggregates only, and for the nation one row
 * per province. What the PDF and the CSV both show.
 *
 * @param unitId         a province in force, or {@link Statistics#NATION}
 * @param latestChangeAt the latest change folded into the figures when the report was made (null: none yet)
 * @param values         every indicator of the unit; null where a share has no denominator
 * @param provinces      the nation's report: the province rows; empty for a province
 * @param chart          the bars of the report's chart, largest first
 */
record MonthlyReport(YearMonth month, long unitId, String unitCode, String unitName, Instant generatedAt, Instant latestChangeAt,
                     Map<Indicator, Double> values, List<ProvinceRow> provinces, Chart chart) {

    /** A section of the report. */
    enum Section {
        POPULATION("Dân cư", "Population"),
        EID("Định danh điện tử", "Electronic identification"),
        PROCEDURES("Dịch vụ công trực tuyến", "Online public services"),
        EXCHANGE("Khai thác, chia sẻ dữ liệu", "Data exchange"),
        QUALITY("Chất lượng dữ liệu", "Data quality");

        final String vi;
        final String en;

        Section(String vi, String en) {
            this.vi = vi;
            this.en = en;
        }
    }

    /** One indicator: its key in the CSV and the feed, its labels, and whether it is a share in percent. */
    enum Indicator {
        POPULATION(Section.POPULATION, "population", "Dân số", "Population", false),
        ADULTS(Section.POPULATION, "adults", "Người từ đủ 18 tuổi", "Adults (18 or more)", false),
        BIRTHS(Section.POPULATION, "births", "Sinh trong tháng", "Births in the month", false),
        DEATHS(Section.POPULATION, "deaths", "Chết trong tháng", "Deaths in the month", false),
        EID_LEVEL_1(Section.EID, "eid_accounts_level_1", "Tài khoản định danh điện tử mức 1", "e-ID accounts, level 1", false),
        EID_LEVEL_2(Section.EID, "eid_accounts_level_2", "Tài khoản định danh điện tử mức 2", "e-ID accounts, level 2", false),
        EID_SHARE_OF_ADULTS(Section.EID, "eid_accounts_per_100_adults", "Tài khoản trên 100 người từ đủ 18 tuổi (%)",
                "Accounts per 100 adults (%)", true),
        LOGINS_LEVEL_1(Section.EID, "logins_level_1", "Lượt đăng nhập mức 1 trong tháng", "Logins at level 1 in the month", false),
        LOGINS_LEVEL_2(Section.EID, "logins_level_2", "Lượt đăng nhập mức 2 trong tháng", "Logins at level 2 in the month", false),
        RECEIVED(Section.PROCEDURES, "procedures_received", "Hồ sơ tiếp nhận trong tháng", "Applications received in the month", false),
        RECEIVED_ONLINE(Section.PROCEDURES, "procedures_received_online", "Trong đó nộp trực tuyến", "Of which online", false),
        ONLINE_SHARE(Section.PROCEDURES, "procedures_online_share", "Tỷ lệ nộp trực tuyến (%)", "Online share (%)", true),
        DECIDED(Section.PROCEDURES, "procedures_decided", "Hồ sơ giải quyết trong tháng", "Applications decided in the month", false),
        DECIDED_ON_TIME(Section.PROCEDURES, "procedures_on_time", "Trong đó đúng hạn", "Of which on time", false),
        DECIDED_LATE(Section.PROCEDURES, "procedures_late", "Trong đó quá hạn", "Of which late", false),
        ON_TIME_SHARE(Section.PROCEDURES, "procedures_on_time_share", "Tỷ lệ giải quyết đúng hạn (%)", "On-time share (%)", true),
        PREFILLED_SHARE(Section.PROCEDURES, "form_fields_prefilled_share", "Tỷ lệ trường thông tin lấy từ CSDLQGDC (%)",
                "Share of form fields filled by the registry (%)", true),
        EXCHANGE_CALLS(Section.EXCHANGE, "exchange_calls_to_date", "Lượt khai thác dữ liệu (lũy kế)", "Exchange calls (to date)", false),
        EXCHANGE_FEES(Section.EXCHANGE, "exchange_fees_vnd_to_date", "Phí khai thác, đồng (lũy kế)", "Fees in đồng (to date)", false),
        WITH_RESIDENCE_SHARE(Section.QUALITY, "quality_with_residence_share", "Tỷ lệ người có nơi cư trú (%)",
                "Share of persons with a residence (%)", true),
        VALID_CARD_SHARE(Section.QUALITY, "quality_valid_card_share", "Tỷ lệ người từ đủ 14 tuổi có thẻ còn hạn (%)",
                "Share of persons 14 or more with a valid card (%)", true),
        OPEN_DIFFERENCE(Section.QUALITY, "quality_open_difference", "Người có sai lệch đối soát chưa xử lý",
                "Persons with an open reconciliation difference", false);

        final Section section;
        final String key;
        final String vi;
        final String en;
        final boolean share;

        Indicator(Section section, String key, String vi, String en, boolean share) {
            this.section = section;
            this.key = key;
            this.vi = vi;
            this.en = en;
            this.share = share;
        }

        /** The indicators kept only for the nation: logins and exchange calls have no unit. */
        boolean nationOnly() {
            return section == Section.EXCHANGE || this == LOGINS_LEVEL_1 || this == LOGINS_LEVEL_2;
        }
    }

    /** A province's line in the nation's report. */
    record ProvinceRow(long unitId, String code, String name, Map<Indicator, Double> values) {
    }

    /** A horizontal bar chart: each bar one or more stacked parts. */
    record Chart(String titleVi, String titleEn, List<String> partsVi, List<String> partsEn, List<Bar> bars, boolean percent) {
    }

    record Bar(String label, List<Double> parts) {

        double total() {
            return parts.stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    /** The columns of the province table in the nation's report. */
    static final List<Indicator> PROVINCE_COLUMNS = List.of(Indicator.POPULATION, Indicator.EID_SHARE_OF_ADULTS, Indicator.RECEIVED,
            Indicator.ONLINE_SHARE, Indicator.ON_TIME_SHARE);
}
