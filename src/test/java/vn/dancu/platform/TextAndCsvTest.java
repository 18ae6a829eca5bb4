package vn.dancu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextAndCsvTest {

    @Test
    void searchKeysDropDiacriticsCaseAndExtraSpaces() {
        assertThat(Text.searchKey("  Nguyễn   Văn An ")).isEqualTo("nguyen van an");
        assertThat(Text.searchKey("Đặng Thị Đào")).isEqualTo("dang thi dao");
        assertThat(Text.searchKey("HUỲNH ỨNG")).isEqualTo("huynh ung");
        assertThat(Text.searchKey("Lê\r\nThị\u000BHoa")).isEqualTo("le thi hoa");
        String single = "Lê Thị Hoa";
        assertThat(Text.singleSpaces(single)).isSameAs(single);
        assertThat(Text.singleSpaces(" a  b\tc ")).isEqualTo(" a b c ");
    }

    @Test
    void namesAreStoredComposed() {
        String decomposed = "Nguye\u0302\u0303n";
        assertThat(Text.canonical(decomposed)).isEqualTo("Nguyễn").hasSize(6);
    }

    @Test
    void headerTextAcceptsRawUtf8AndPercentEncoding() {
        String rawUtf8AsLatin1 = new String("kiểm tra".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(HeaderText.decode(rawUtf8AsLatin1)).isEqualTo("kiểm tra");
        assertThat(HeaderText.decode("ki%E1%BB%83m%20tra")).isEqualTo("kiểm tra");
        assertThat(HeaderText.decode("100% sure")).isEqualTo("100% sure");
        assertThat(HeaderText.decode("a+b")).isEqualTo("a+b");
    }

    @Test
    void csvReadsQuotedFieldsAndReportsBrokenRowsWithoutLosingTheNext() throws IOException {
        String text = "a,b,c\n\"x, y\",\"say \"\"hi\"\"\",z\nbad\"quote,1,2\n\"multi\nline\",2,3\n\"open,4,5";
        List<Csv.Row> rows = new ArrayList<>();
        try (Csv csv = new Csv(new StringReader(text))) {
            for (Csv.Row row; (row = csv.next()) != null; ) {
                rows.add(row);
            }
        }
        assertThat(rows).hasSize(5);
        assertThat(((Csv.Record) rows.get(1)).fields()).containsExactly("x, y", "say \"hi\"", "z");
        assertThat(rows.get(2)).isInstanceOf(Csv.Malformed.class);
        assertThat(rows.get(2).line()).isEqualTo(3);
        assertThat(((Csv.Record) rows.get(3)).fields()).containsExactly("multi\nline", "2", "3");
        assertThat(rows.get(3).line()).isEqualTo(4);
        assertThat(rows.get(4)).isInstanceOf(Csv.Malformed.class);
        assertThat(rows.get(4).line()).isEqualTo(6);
    }
}
