package vn.dancu.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the reports write values: quoted CSV that no spreadsheet runs as a formula, and numbers in the Vietnamese style. */
class ReportFormatsTest {

    @Test
    void aCsvTextIsQuotedAndNeverAFormula() {
        assertThat(ReportCsv.quoted("Thành phố Hà Nội")).isEqualTo("\"Thành phố Hà Nội\"");
        assertThat(ReportCsv.quoted("Phường \"Mới\"")).isEqualTo("\"Phường \"\"Mới\"\"\"");
        assertThat(ReportCsv.quoted("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(ReportCsv.quoted("+1")).startsWith("\"'+");
        assertThat(ReportCsv.quoted("-1")).startsWith("\"'-");
        assertThat(ReportCsv.quoted("@SUM(A1)")).startsWith("\"'@");
        assertThat(ReportCsv.quoted("")).isEqualTo("\"\"");
    }

    @Test
    void numbersAreWrittenTheVietnameseWay() {
        assertThat(ReportPdf.format(1234567.0, false)).isEqualTo("1.234.567");
        assertThat(ReportPdf.format(0.0, false)).isEqualTo("0");
        assertThat(ReportPdf.format(66.7, true)).isEqualTo("66,7");
        assertThat(ReportPdf.format(100.0, true)).isEqualTo("100,0");
        assertThat(ReportPdf.format(null, true)).isEqualTo("—");
    }

    @Test
    void aShareHasOneDecimalAndNoneWithoutADenominator() {
        assertThat(ReportFigures.share(1534, 2300)).isEqualTo(66.7);
        assertThat(ReportFigures.share(2, 3)).isEqualTo(66.7);
        assertThat(ReportFigures.share(1, 3)).isEqualTo(33.3);
        assertThat(ReportFigures.share(5, 0)).isNull();
        assertThat(ReportFigures.share(0, 7)).isEqualTo(0.0);
    }
}
