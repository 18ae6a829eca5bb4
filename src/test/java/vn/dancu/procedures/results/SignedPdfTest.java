package vn.dancu.procedures.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.text.PDFTextStripper;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.Test;

class SignedPdfTest {

    private final TestAuthority authority = TestAuthority.create();
    private final ResultVerifier verifier = new ResultVerifier(authority);
    private final ResultDocument birth = Results.birthRegistration();
    private final byte[] pdf = Results.signer(authority).renderPdf(birth);

    @Test
    void aSignedResultVerifiesAndNamesItsDocument() {
        Verdict verdict = verifier.verifyPdf(pdf);

        assertThat(verdict.code()).isEqualTo(Verdict.VALID);
        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.documentId()).isEqualTo(birth.id());
        assertThat(verdict.signer()).isEqualTo("Bộ Tư pháp");
        assertThat(verdict.agency()).isEqualTo("JUSTICE");
        assertThat(verdict.payload()).containsEntry("signedAt", Results.NOW.toString());
    }

    @Test
    void itsVietnameseTextIsInAnEmbeddedFont() throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);

            assertThat(text).contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                    "UBND phường Tân Định – Công chức tư pháp – hộ tịch", "Trích lục khai sinh", "Extract of birth registration",
                    "Số định danh cá nhân: 079325001234", "Loại việc hộ tịch: Đăng ký khai sinh", "Họ, chữ đệm và tên: Nguyễn Thị Ánh",
                    "Mã hồ sơ: HS-2025-000123", "Ngày cấp: 01/07/2025", "Chữ ký số: Bộ Tư pháp",
                    Results.PUBLIC_URL + "/verify/" + birth.id());
            PDResources resources = doc.getPage(0).getResources();
            PDType0Font font = (PDType0Font) resources.getFont(resources.getFontNames().iterator().next());
            assertThat(font.isEmbedded()).isTrue();
            assertThat(font.getName()).contains("+LiberationSans");
        }
    }

    @Test
    void itsQrCodeLeadsToTheVerifyPage() throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            BufferedImage image = firstImage(doc.getPage(0));
            int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());

            String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                    new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();

            assertThat(decoded).isEqualTo(Results.PUBLIC_URL + "/verify/" + birth.id());
        }
    }

    @Test
    void itsSignatureIsPadesBaselineB() throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDSignature signature = doc.getLastSignatureDictionary();
            assertThat(signature.getFilter()).isEqualTo("Adobe.PPKLite");
            assertThat(signature.getSubFilter()).isEqualTo("ETSI.CAdES.detached");
            assertThat(signature.getName()).isEqualTo("Bộ Tư pháp");
            assertThat(signature.getSignDate().toInstant()).isEqualTo(Results.NOW);

            CMSSignedData cms = Pades.signedData(signature, pdf);
            byte[] der = cms.getEncoded(ASN1Encoding.DER);
            assertThat(Arrays.copyOf(signature.getContents(pdf), der.length)).as("Contents holds DER").isEqualTo(der);
            SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
            AttributeTable attributes = signer.getSignedAttributes();
            assertThat(attributes.get(CMSAttributes.signingTime)).as("signing-time, which PAdES forbids").isNull();
            SigningCertificateV2 signingCertificate = SigningCertificateV2.getInstance(
                    attributes.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2).getAttrValues().getObjectAt(0));
            assertThat(signingCertificate.getCerts()[0].getCertHash())
                    .isEqualTo(AgencyCertificates.sha256(authority.identity("JUSTICE").cert().getEncoded()));
            assertThat(cms.getCertificates().getMatches(null)).hasSize(2);
            assertThat(cms.isDetachedSignature()).isTrue();
        }
    }

    @Test
    void aLongDocumentWrapsOntoMorePagesAndStillVerifies() throws Exception {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        for (int i = 1; i <= 60; i++) {
            fields.put("Thành viên hộ gia đình " + i, "Lê Hoàng Phúc Nguyên, sinh ngày 01/01/1990, quan hệ với chủ hộ: con, "
                    + "nơi thường trú: số 12 đường Nguyễn Đình Chiểu, phường Tân Định, Thành phố Hồ Chí Minh");
        }
        fields.put("Mã tra cứu", "X".repeat(300));
        ResultDocument household = new ResultDocument(UUID.randomUUID(), "HOUSEHOLD", "Xác nhận thông tin về cư trú",
                "Confirmation of residence", "POLICE", "Công an phường Tân Định", "079090001111", Results.NOW, "HS-2025-000124", fields);

        byte[] signed = Results.signer(authority).renderPdf(household);

        assertThat(verifier.verifyPdf(signed).code()).isEqualTo(Verdict.VALID);
        try (PDDocument doc = Loader.loadPDF(signed)) {
            assertThat(doc.getNumberOfPages()).isGreaterThan(1);
        }
    }

    @Test
    void unshowableCharactersDoNotStopTheDocument() {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put("Ghi chú", "dòng một\ndòng hai\tcột 😀 \u0000 ✓");
        // Decomposed letters, as some keyboards and browsers send them.
        fields.put("Họ và tên", "Nguye\u0302\u0303n");
        ResultDocument doc = new ResultDocument(UUID.randomUUID(), "NOTE", "Ghi chú", "Note", "LABOUR", "Sở Nội vụ", "079090001111",
                Results.NOW, "HS-2025-000125", fields);

        assertThat(verifier.verifyPdf(Results.signer(authority).renderPdf(doc)).valid()).isTrue();
    }

    @Test
    void oneFlippedByteInTheSignedRangeMakesItInvalid() throws Exception {
        int[] range;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            range = doc.getLastSignatureDictionary().getByteRange();
        }
        for (int position : new int[] {range[1] / 2, range[2] + range[3] / 2}) {
            byte[] tampered = pdf.clone();
            tampered[position] ^= 0x01;

            assertThat(verifier.verifyPdf(tampered).valid()).as("byte %d flipped", position).isFalse();
        }
    }

    @Test
    void aChangedPageIsADigestMismatch() throws Exception {
        byte[] tampered = pdf.clone();
        int data = indexOf(tampered, "stream".getBytes(StandardCharsets.US_ASCII), firstPageContentOffset(pdf)) + 40;
        tampered[data] ^= 0x01;

        assertThat(verifier.verifyPdf(tampered).code()).isEqualTo(Verdict.DIGEST_MISMATCH);
    }

    @Test
    void anIncrementalUpdateAfterSigningIsNotCovered() throws Exception {
        ByteArrayOutputStream updated = new ByteArrayOutputStream();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            doc.addPage(new PDPage());
            doc.getPages().getCOSObject().setNeedToBeUpdated(true);
            doc.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
            doc.saveIncremental(updated);
        }

        assertThat(updated.size()).isGreaterThan(pdf.length);
        assertThat(verifier.verifyPdf(updated.toByteArray()).code()).isEqualTo(Verdict.NOT_COVERED);
    }

    @Test
    void bytesAppendedAfterTheEndAreNotCovered() {
        byte[] appended = Arrays.copyOf(pdf, pdf.length + 12);
        System.arraycopy("\n% appended".getBytes(StandardCharsets.US_ASCII), 0, appended, pdf.length, 11);

        assertThat(verifier.verifyPdf(appended).code()).isEqualTo(Verdict.NOT_COVERED);
    }

    @Test
    void aKeyCertifiedByAnotherRootIsUntrusted() {
        byte[] foreign = Results.signer(TestAuthority.create()).renderPdf(birth);

        assertThat(verifier.verifyPdf(foreign).code()).isEqualTo(Verdict.UNTRUSTED_CERTIFICATE);
    }

    @Test
    void aCertificateExpiredWhenSigningIsUntrusted() {
        TestAuthority sixYearsAgo = TestAuthority.certifiedAt(Results.NOW.minusSeconds(6 * 366 * 86_400L));

        byte[] late = Results.signer(sixYearsAgo).renderPdf(birth);

        assertThat(new ResultVerifier(sixYearsAgo).verifyPdf(late).code()).isEqualTo(Verdict.UNTRUSTED_CERTIFICATE);
    }

    @Test
    void garbageIsNotAPdf() {
        assertThat(verifier.verifyPdf("không phải PDF".getBytes(StandardCharsets.UTF_8)).code()).isEqualTo(Verdict.NOT_A_PDF);
        assertThat(verifier.verifyPdf(new byte[0]).code()).isEqualTo(Verdict.NOT_A_PDF);
        assertThat(verifier.verifyPdf(null).code()).isEqualTo(Verdict.NOT_A_PDF);
    }

    @Test
    void anUnsignedPdfHasNoSignature() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage());
            doc.save(out);
        }

        Verdict verdict = verifier.verifyPdf(out.toByteArray());

        assertThat(verdict.code()).isEqualTo(Verdict.NO_SIGNATURE);
        assertThat(verdict.documentId()).isNull();
    }

    private static BufferedImage firstImage(PDPage page) throws Exception {
        PDResources resources = page.getResources();
        for (COSName name : resources.getXObjectNames()) {
            if (resources.getXObject(name) instanceof PDImageXObject image) {
                return image.getImage();
            }
        }
        throw new AssertionError("no image on the page");
    }

    private static int firstPageContentOffset(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            COSObjectKey key = ((COSObject) doc.getPage(0).getCOSObject().getItem(COSName.CONTENTS)).getKey();
            return Math.toIntExact(doc.getDocument().getXrefTable().get(key));
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
